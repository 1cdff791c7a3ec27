// Any path under /pa that no route serves: a JSON 404 (ERROR_NOT_FOUND), for every method.
import { notFoundRoute } from "@/server/rest/rest-route";

export const GET = notFoundRoute;
export const POST = notFoundRoute;
export const PUT = notFoundRoute;
export const PATCH = notFoundRoute;
export const DELETE = notFoundRoute;
