import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    id: string;
    role: string;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: string };
    /** The user's session version at sign-in, checked against the database on every request. */
    sessionVersion: number;
    /** Sign-in time (ms): the absolute session lifetime counts from here. */
    authTime: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: string;
    /** The user's session version when signing in; a bump ends this session. */
    sv?: number;
    /** When the user signed in (ms); bounds the session's absolute lifetime. */
    authTime?: number;
    /** The last activity the server heard of (ms): sign-in or the console's activity ping. */
    lastActivity?: number;
  }
}
