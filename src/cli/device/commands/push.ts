// device push register: the app registers its push token with its own PowerAuth token
// (`POST /api/push/device/register/token`, protocol §14), as a phone does after activation. Needs
// a token made with `token create` first. Pair it with `npm run simulators` to see messages arrive.
import { optionalString, requireString, UsageError, type DeviceCommand } from "../device-command";

export const pushCommand: DeviceCommand = {
  name: "push",
  usage: "push register --platform apns|fcm|hms --push-token TOKEN [--environment development|production] [--name possession_universal]",
  positionals: true,
  options: { platform: { type: "string" }, "push-token": { type: "string" }, environment: { type: "string" }, name: { type: "string" } },
  async run(client, values, positionals = []) {
    if (positionals.length !== 1 || positionals[0] !== "register") throw new UsageError("push needs: register");
    const platform = requireString(values, "platform");
    const token = requireString(values, "push-token");
    const environment = optionalString(values, "environment");
    const tokenName = optionalString(values, "name");
    const answer = await client.registerPushToken({ platform, token, ...(environment ? { environment } : {}), ...(tokenName ? { tokenName } : {}) });
    return { action: "register", platform, environment: environment ?? null, status: answer.status };
  },
};
