import type { SmsSender } from "./ports.ts";

/**
 * The SMS gateway from configuration. Without a URL, SMS are "delivered" to the development SMS
 * outbox (the outbox table itself, shown on the development SMS page). With one, each SMS is POSTed
 * as JSON `{ to, text, messageId }` with a bearer token; any non-2xx answer is retried.
 */
export function createSmsGateway(config: { url?: string; token?: string }): SmsSender {
  const { url, token } = config;
  if (!url) return { isDevelopmentOutbox: true, send: async () => ({ delivered: "dev-outbox" }) };
  return {
    async send(sms) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          "Idempotency-Key": sms.messageId,
        },
        body: JSON.stringify(sms),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      return { delivered: "gateway" };
    },
  };
}
