import type { Metadata } from "next";
import { redirect } from "next/navigation";

import type { Tone } from "@/components/ui/notice";
import { getStaffSession } from "@/server/auth/get-staff-session";

import { LoginForm } from "./_components/login-form";
import { safeCallbackUrl } from "./_components/safe-callback-url";
import { signInErrorMessage } from "./_components/sign-in-messages";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

/** Why the console sent the user here (see src/components/console/sign-out.ts). */
const REASONS: Record<string, { tone: Tone; text: string }> = {
  idle: { tone: "info", text: "You were signed out because nothing happened in the console for a while." },
  "password-changed": { tone: "success", text: "Your password was changed. Sign in with the new password." },
  expired: { tone: "info", text: "Your session has ended. Sign in again." },
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getStaffSession()) redirect(callbackUrl);

  const reason = first(params.reason);
  // next-auth sends its own errors here too (pages.error is /login).
  const error = first(params.error);
  const notice = error ? { tone: "error" as const, text: signInErrorMessage(error) } : reason ? (REASONS[reason] ?? null) : null;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-5 flex items-center gap-2">
          <span aria-hidden="true" className="inline-block size-6 rounded bg-blue-700" />
          <div className="leading-tight">
            <p className="text-base font-semibold text-slate-900">Guardline</p>
            <p className="text-xs text-slate-500">Staff console</p>
          </div>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <h1 className="mb-4 text-base font-semibold text-slate-900">Sign in</h1>
          <LoginForm callbackUrl={callbackUrl} notice={notice} />
        </div>
      </div>
    </main>
  );
}
