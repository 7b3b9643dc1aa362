import { randomBytes, randomInt } from "node:crypto";

// No 0/O, 1/I/L: codes are read off paper and typed in by people.
const READABLE = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** `7KQ4-M2XD-9PLT`: 12 readable characters, about 59 bits. */
export function newVerificationCode(): string {
  const chars = Array.from({ length: 12 }, () => READABLE[randomInt(READABLE.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** Normalizes what a person typed: case, spaces, missing dashes. */
export function normalizeVerificationCode(input: string): string {
  const chars = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (chars.length !== 12) return "";
  return [0, 4, 8].map((i) => chars.slice(i, i + 4)).join("-");
}

/** An unguessable URL-safe token. */
export function newToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
