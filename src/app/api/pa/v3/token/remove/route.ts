// POST /pa/v3/token/remove (Standard RESTful API, protocol §11.3): signed; removes one of the
// signing registration's own tokens.
import { ZTokenRemoveRequest } from "@/schemas/verification";
import { restMethods, restRoute } from "@/server/rest/rest-route";
import { removeToken } from "@/server/services/verification/remove-token";

export const { GET, POST, PUT, PATCH, DELETE } = restMethods({
  POST: restRoute({
    auth: { signature: "tokenRemove" },
    family: "standard",
    body: ZTokenRemoveRequest,
    handler: async ({ device, body }) => {
      const { tokenId } = await removeToken({ registrationId: device!.registration.id, tokenId: body.requestObject.tokenId });
      return { status: "OK", responseObject: { tokenId } };
    },
  }),
});
