import { randomBytes, randomInt } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import type { FieldErrors } from "../errors.ts";

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): slow on purpose.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password nobody knows, checked in place of a hash that is not there (an unknown
 * login, no temporary password waiting): every wrong attempt costs the same checks either way.
 */
let dummyHash: Promise<string> | undefined;
export function hashNobodyKnows(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  return dummyHash;
}

const TEMP_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ";

/** A temporary password that is easy to type from an SMS: 12 characters, no look-alikes. */
export function newTemporaryPassword(): string {
  for (;;) {
    const password = Array.from({ length: 12 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join("");
    if (/\d/.test(password) && /[a-z]/i.test(password)) return password;
  }
}

export const PASSWORD_MIN_LENGTH = 10;

/** The password policy, as field errors on `newPassword`. */
export function checkPasswordPolicy(password: string, context: { login: string }): FieldErrors {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { newPassword: { code: "password.tooShort", params: { min: String(PASSWORD_MIN_LENGTH) } } };
  }
  if (password.length > 128) return { newPassword: { code: "tooLong" } };
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return { newPassword: { code: "password.lettersAndDigits" } };
  if (password.toLowerCase().includes(context.login.toLowerCase())) {
    return { newPassword: { code: "password.containsLogin" } };
  }
  if (new Set(password).size < 5) return { newPassword: { code: "password.tooSimple" } };
  return {};
}
