import type { EmailContent, Locale } from "./types.ts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A block of an e-mail, rendered both as HTML and as plain text. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "facts"; rows: [label: string, value: string | string[]][] }
  | { kind: "link"; label: string; url: string }
  | { kind: "list"; items: string[] };

export const paragraph = (text: string): Block => ({ kind: "paragraph", text });
export const facts = (rows: [string, string | string[]][]): Block => ({ kind: "facts", rows });
export const link = (label: string, url: string): Block => ({ kind: "link", label, url });
export const list = (items: string[]): Block => ({ kind: "list", items });

function blockText(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "facts":
      return block.rows
        .map(([label, value]) =>
          Array.isArray(value) ? `${label}:\n${value.map((v) => `  ${v}`).join("\n")}` : `${label}: ${value}`,
        )
        .join("\n");
    case "link":
      return `${block.label}: ${block.url}`;
    case "list":
      return block.items.map((item, i) => `${i + 1}. ${item}`).join("\n");
  }
}

function blockHtml(block: Block): string {
  const p = 'style="margin:0 0 16px;font-size:15px;line-height:22px;color:#16202e"';
  switch (block.kind) {
    case "paragraph":
      return `<p ${p}>${escapeHtml(block.text)}</p>`;
    case "facts":
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 16px">${block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="padding:6px 12px 6px 0;color:#56627a;font-size:14px;vertical-align:top;width:40%">${escapeHtml(label)}</td><td style="padding:6px 0;font-size:14px;color:#16202e;vertical-align:top">${
              Array.isArray(value) ? value.map(escapeHtml).join("<br>") : escapeHtml(value)
            }</td></tr>`,
        )
        .join("")}</table>`;
    case "link":
      // Only web links become anchors; anything else (say, a `javascript:` URL) is shown as text.
      if (!/^https?:\/\//i.test(block.url)) return `<p ${p}>${escapeHtml(block.label)}: ${escapeHtml(block.url)}</p>`;
      return `<p ${p}><a href="${escapeHtml(block.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${escapeHtml(block.label)}</a></p>`;
    case "list":
      return `<ol style="margin:0 0 16px;padding-left:20px;font-size:15px;line-height:22px;color:#16202e">${block.items
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join("")}</ol>`;
  }
}

/** Builds the subject, a plain-text part and an HTML part with the same content. */
export function composeEmail(input: {
  lang: Locale;
  subject: string;
  heading: string;
  blocks: Block[];
  footer: string;
}): EmailContent {
  const text = [input.heading, "", ...input.blocks.flatMap((b) => [blockText(b), ""]), "—", input.footer].join("\n");
  const html = `<!doctype html><html lang="${input.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(input.subject)}</title></head><body style="margin:0;padding:0;background:#f4f6fa;font-family:Arial,Helvetica,sans-serif"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6fa;padding:24px 0"><tr><td align="center"><table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #d6dce6;border-radius:8px"><tr><td style="padding:24px 28px"><h1 style="margin:0 0 20px;font-size:20px;line-height:28px;color:#16202e">${escapeHtml(input.heading)}</h1>${input.blocks
    .map(blockHtml)
    .join("")}<p style="margin:24px 0 0;font-size:12px;line-height:18px;color:#56627a">${escapeHtml(input.footer)}</p></td></tr></table></td></tr></table></body></html>`;
  return { subject: input.subject, text, html };
}
