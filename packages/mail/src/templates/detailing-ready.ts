import { composeEmail, facts, link, paragraph } from "../compose.ts";
import { messages } from "../messages.ts";
import type { EmailContent, Locale } from "../types.ts";

/** The call details a company administrator ordered are ready. Display-ready strings. */
export interface DetailingReadyData {
  orderNumber: string;
  companyName: string;
  /** "01.11.2026 – 25.11.2026" */
  period: string;
  lines: { kind: "all" } | { kind: "department"; name: string } | { kind: "line"; number: string } | { kind: "selection"; count: string };
  /** "CSV", "XLSX", "PDF", with zip: packed into a ZIP archive. */
  format: string;
  zip: boolean;
  /** How many calls, SMS and sessions the file lists, formatted. */
  rows: string;
  /** The file's size, formatted: "1,2 МБ". */
  size: string;
  fileName: string;
  /** Attached, or too large for e-mail: a link to the cabinet's download, valid until a date. */
  delivery: { kind: "attachment" } | { kind: "link"; url: string; expiresOn: string; attachmentLimit: string };
  ordersUrl: string;
}

// This template's texts in both languages (the shared footer comes from messages.ts).
const texts = {
  ru: {
    subject: (order: string, period: string) => `Детализация № ${order} за ${period} готова`,
    heading: "Детализация готова",
    intro: (company: string) => `Детализация расходов по номерам ${company}, которую вы заказали в корпоративном кабинете, сформирована.`,
    order: "Заказ",
    period: "Период",
    lines: "Номера",
    linesAll: "все номера компании",
    linesDepartment: (name: string) => `отдел «${name}»`,
    linesSelection: (count: string) => `выбранные в списке номера: ${count}`,
    format: "Формат",
    zipped: (format: string) => `${format} в архиве ZIP`,
    rows: "Записей (звонки, SMS, интернет)",
    size: "Размер файла",
    attached: (fileName: string) => `Файл ${fileName} — во вложении к этому письму.`,
    tooLarge: (limit: string, expires: string) =>
      `Файл больше ${limit}, поэтому он не вложен в письмо: скачайте его в кабинете по ссылке ниже (нужен вход в кабинет). Ссылка действует до ${expires}.`,
    download: "Скачать детализацию",
    orders: "Все заказы детализации",
  },
  en: {
    subject: (order: string, period: string) => `Call details No. ${order} for ${period} are ready`,
    heading: "Your call details are ready",
    intro: (company: string) => `The call details of ${company}'s numbers that you ordered in the corporate cabinet are ready.`,
    order: "Order",
    period: "Period",
    lines: "Numbers",
    linesAll: "all of the company's numbers",
    linesDepartment: (name: string) => `department “${name}”`,
    linesSelection: (count: string) => `numbers selected on the list: ${count}`,
    format: "Format",
    zipped: (format: string) => `${format} in a ZIP archive`,
    rows: "Records (calls, SMS, data)",
    size: "File size",
    attached: (fileName: string) => `The file ${fileName} is attached to this message.`,
    tooLarge: (limit: string, expires: string) =>
      `The file is larger than ${limit}, so it is not attached: download it from the cabinet with the link below (you will be asked to log in). The link works until ${expires}.`,
    download: "Download the call details",
    orders: "All call-detail orders",
  },
} satisfies Record<Locale, unknown>;

export function detailingReadyEmail(data: DetailingReadyData, locale: Locale): EmailContent {
  const t = texts[locale];
  const lines =
    data.lines.kind === "all"
      ? t.linesAll
      : data.lines.kind === "department"
        ? t.linesDepartment(data.lines.name)
        : data.lines.kind === "line"
          ? data.lines.number
          : t.linesSelection(data.lines.count);
  const delivery =
    data.delivery.kind === "attachment"
      ? [paragraph(t.attached(data.fileName)), link(t.orders, data.ordersUrl)]
      : [paragraph(t.tooLarge(data.delivery.attachmentLimit, data.delivery.expiresOn)), link(t.download, data.delivery.url)];
  return composeEmail({
    lang: locale,
    subject: t.subject(data.orderNumber, data.period),
    heading: t.heading,
    blocks: [
      paragraph(t.intro(data.companyName)),
      facts([
        [t.order, data.orderNumber],
        [t.period, data.period],
        [t.lines, lines],
        [t.format, data.zip ? t.zipped(data.format) : data.format],
        [t.rows, data.rows],
        [t.size, data.size],
      ]),
      ...delivery,
    ],
    footer: messages[locale].footer,
  });
}
