// device status: the encrypted status blob, decrypted, and the counter synchronised (protocol §9).
import type { DeviceCommand } from "../device-command";

export const statusCommand: DeviceCommand = {
  name: "status",
  usage: "status",
  options: {},
  async run(client) {
    const status = await client.status();
    return { ...status };
  },
};
