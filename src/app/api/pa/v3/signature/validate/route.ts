// GET, POST, PUT, DELETE /pa/v3/signature/validate (Standard RESTful API, protocol §12): any
// signed request (possession-based types, §10.7; a GET signs its canonical query string) answers
// {"status":"OK"} when its signature is valid, else the 401 of §10.6. The body may be any JSON (or
// none); like every REST body it must be UTF-8 JSON without NUL characters.
import { ZAnySignedBody } from "@/schemas/verification";
import { OK } from "@/server/rest/envelope";
import { restMethods, restRoute } from "@/server/rest/rest-route";

const validate = restRoute({ auth: { signature: "signatureValidate" }, family: "standard", body: ZAnySignedBody, bodyOptional: true, handler: () => OK });

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({ GET: validate, POST: validate, PUT: validate, DELETE: validate });
