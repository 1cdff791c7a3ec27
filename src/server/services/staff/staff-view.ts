/** What of a staff user leaves the server (never the password hash). */
export const STAFF_VIEW = {
  id: true,
  email: true,
  name: true,
  role: true,
  mustChangePassword: true,
  disabledAt: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function staffSnapshot(user: { email: string; name: string; role: string; disabledAt: Date | null }) {
  return { email: user.email, name: user.name, role: user.role, disabled: user.disabledAt !== null };
}
