import { fanOutMessage } from "@/server/services/push/fan-out-push-message";

import { FAN_OUT_STEP } from "./push-fan-out";

export const handlePushFanOut = (payload: { messageId: string }) => fanOutMessage(payload.messageId, FAN_OUT_STEP);
