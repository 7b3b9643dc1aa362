import { describe, expect, it } from "vitest";
import { type DetailingReadyData, detailingReadyEmail } from "./detailing-ready.ts";

const attached: DetailingReadyData = {
  orderNumber: "42",
  companyName: "АО «Вектор»",
  period: "01.11.2026 – 25.11.2026",
  lines: { kind: "department", name: "Продажи <и> маркетинг" },
  format: "CSV",
  zip: true,
  rows: "1 234",
  size: "84 КБ",
  fileName: "detailing-20261101-20261125.zip",
  delivery: { kind: "attachment" },
  ordersUrl: "https://cabinet.test/cabinet/details",
};

describe("the e-mail with ordered call details", () => {
  it("says the file is attached, with the order's facts, in Russian and English, as text and HTML", () => {
    const ru = detailingReadyEmail(attached, "ru");
    expect(ru.subject).toBe("Детализация № 42 за 01.11.2026 – 25.11.2026 готова");
    expect(ru.text).toContain("Файл detailing-20261101-20261125.zip — во вложении к этому письму.");
    expect(ru.text).toContain("Формат: CSV в архиве ZIP");
    expect(ru.text).toContain("Номера: отдел «Продажи <и> маркетинг»");
    expect(ru.html).toContain("отдел «Продажи &lt;и&gt; маркетинг»");
    expect(ru.html).toContain('href="https://cabinet.test/cabinet/details"');
    const en = detailingReadyEmail(attached, "en");
    expect(en.subject).toBe("Call details No. 42 for 01.11.2026 – 25.11.2026 are ready");
    expect(en.text).toContain("The file detailing-20261101-20261125.zip is attached to this message.");
  });

  it("carries a link to the cabinet's download, the size limit and the link's last day when the file is too large to attach", () => {
    const linked = detailingReadyEmail(
      {
        ...attached,
        zip: false,
        size: "14,2 МБ",
        lines: { kind: "all" },
        delivery: { kind: "link", url: "https://cabinet.test/cabinet/details/42/download", expiresOn: "02.12.2026 14:00", attachmentLimit: "10 МБ" },
      },
      "ru",
    );
    expect(linked.text).toContain("Файл больше 10 МБ, поэтому он не вложен в письмо");
    expect(linked.text).toContain("Ссылка действует до 02.12.2026 14:00.");
    expect(linked.text).toContain("Скачать детализацию: https://cabinet.test/cabinet/details/42/download");
    expect(linked.text).toContain("Номера: все номера компании");
    expect(linked.html).toContain('href="https://cabinet.test/cabinet/details/42/download"');
  });
});
