// device operations list|detail|history|approve|reject: the Mobile Token operations API
// (powerauth-protocol.md §14) as the phone calls it. `approve` reads the operation's data from its
// detail first (the phone signs what it shows), unless --data is given.
import { parseFactors } from "../device-client";
import { optionalString, requireString, UsageError, type DeviceCommand } from "../device-command";

export const operationsCommand: DeviceCommand = {
  name: "operations",
  usage: "operations list|history|detail|approve|reject [--id OPERATION_ID] [--factors possession_knowledge] [--data A1*…] [--reason UNKNOWN] [--proximity-otp 12345678] [--language en] [--claim]",
  options: {
    action: { type: "string" },
    id: { type: "string" },
    factors: { type: "string" },
    data: { type: "string" },
    reason: { type: "string" },
    "proximity-otp": { type: "string" },
    language: { type: "string" },
    claim: { type: "boolean" },
  },
  positionals: true,
  async run(client, values, positionals = []) {
    const action = positionals[0] ?? optionalString(values, "action");
    const acceptLanguage = optionalString(values, "language") ?? "en";
    switch (action) {
      case "list":
        return { operations: await client.listOperations({ acceptLanguage }) };
      case "history":
        return { operations: await client.operationHistory(parseFactors(optionalString(values, "factors") ?? "possession_knowledge")) };
      case "detail":
        return { operation: await client.operationDetail(requireString(values, "id"), { claim: values.claim === true, acceptLanguage }) };
      case "approve": {
        const id = requireString(values, "id");
        const data = optionalString(values, "data") ?? (await client.operationDetail(id, { claim: values.claim === true })).data;
        const proximityOtp = optionalString(values, "proximity-otp");
        await client.approveOperation({ id, data }, { factors: parseFactors(optionalString(values, "factors") ?? "possession_knowledge"), ...(proximityOtp ? { proximityOtp } : {}) });
        return { id, approved: true };
      }
      case "reject": {
        const id = requireString(values, "id");
        await client.rejectOperation(id, optionalString(values, "reason") ?? "UNKNOWN");
        return { id, rejected: true };
      }
      default:
        throw new UsageError("operations needs one of: list, history, detail, approve, reject");
    }
  },
};
