-- Console sign-in attempts per client address in the current window: the throttle that keeps one
-- address from guessing fast, guessing in parallel, or locking every account out.
CREATE TABLE "sign_in_throttle" (
    "client_address" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL,

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("client_address"),
    CONSTRAINT "sign_in_throttle_attempts_check" CHECK ("attempts" >= 0)
);

-- Old windows are purged by age.
CREATE INDEX "sign_in_throttle_window_start_idx" ON "sign_in_throttle"("window_start");
