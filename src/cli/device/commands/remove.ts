// device remove: the device removes its own registration, signed (protocol §12).
import { parseFactors } from "../device-client";
import { optionalString, type DeviceCommand } from "../device-command";

export const removeCommand: DeviceCommand = {
  name: "remove",
  usage: "remove [--factors possession_knowledge]",
  options: { factors: { type: "string" } },
  async run(client, values) {
    return client.remove(parseFactors(optionalString(values, "factors") ?? "possession_knowledge"));
  },
};
