import type { TariffPrices } from "../usage/rating-rules.ts";

/**
 * The operator's catalogue as the demo ships it: the same tariffs and services in every region,
 * priced by a regional factor. Names are invented and operator-neutral.
 *
 * Units: fees in kopecks; per-unit prices in hundredths of a kopeck (ck, 1 ck = 0.0001 ₽);
 * included data in MB (1 MB = 1024 KB).
 */
export interface CatalogueTariff extends TariffPrices {
  code: string;
  nameRu: string;
  nameEn: string;
  descriptionRu: string;
  descriptionEn: string;
  monthlyFee: number;
}

export interface CatalogueService {
  code: string;
  nameRu: string;
  nameEn: string;
  descriptionRu: string;
  descriptionEn: string;
  monthlyFee: number;
  /** Tariff codes that allow the service; "all" for every tariff. */
  tariffs: readonly string[] | "all";
}

const rub = (roubles: number) => Math.round(roubles * 100); // → kopecks
const ck = (roubles: number) => Math.round(roubles * 10_000); // → hundredths of a kopeck

export const catalogueTariffs: readonly CatalogueTariff[] = [
  {
    code: "biz-start",
    nameRu: "Бизнес Старт",
    nameEn: "Business Start",
    descriptionRu: "Для сотрудников, которые звонят немного: 300 минут, 100 SMS и 5 ГБ в месяц.",
    descriptionEn: "For light users: 300 minutes, 100 SMS and 5 GB a month.",
    monthlyFee: rub(450),
    includedMinutes: 300,
    includedSms: 100,
    includedMb: 5 * 1024,
    minutePriceCk: ck(2.5),
    smsPriceCk: ck(2),
    mbPriceCk: ck(0.2),
    roamingMinutePriceCk: ck(59),
    roamingSmsPriceCk: ck(19),
    roamingMbPriceCk: ck(15),
  },
  {
    code: "biz-pro",
    nameRu: "Бизнес Про",
    nameEn: "Business Pro",
    descriptionRu: "Для менеджеров: 1000 минут, 300 SMS и 20 ГБ в месяц.",
    descriptionEn: "For managers: 1,000 minutes, 300 SMS and 20 GB a month.",
    monthlyFee: rub(900),
    includedMinutes: 1000,
    includedSms: 300,
    includedMb: 20 * 1024,
    minutePriceCk: ck(2),
    smsPriceCk: ck(1.5),
    mbPriceCk: ck(0.15),
    roamingMinutePriceCk: ck(49),
    roamingSmsPriceCk: ck(15),
    roamingMbPriceCk: ck(12),
  },
  {
    code: "biz-unlim",
    nameRu: "Бизнес Безлимит",
    nameEn: "Business Unlimited",
    descriptionRu: "Для тех, кто всегда на связи: 5000 минут, 1000 SMS и 100 ГБ в месяц.",
    descriptionEn: "For those always on the phone: 5,000 minutes, 1,000 SMS and 100 GB a month.",
    monthlyFee: rub(1800),
    includedMinutes: 5000,
    includedSms: 1000,
    includedMb: 100 * 1024,
    minutePriceCk: ck(1),
    smsPriceCk: ck(1),
    mbPriceCk: ck(0.1),
    roamingMinutePriceCk: ck(39),
    roamingSmsPriceCk: ck(12),
    roamingMbPriceCk: ck(9.9),
  },
  {
    code: "biz-data",
    nameRu: "Бизнес Интернет",
    nameEn: "Business Internet",
    descriptionRu: "Для планшетов и модемов: 50 ГБ в месяц, звонки и SMS поштучно.",
    descriptionEn: "For tablets and modems: 50 GB a month; calls and SMS paid per use.",
    monthlyFee: rub(600),
    includedMinutes: 0,
    includedSms: 0,
    includedMb: 50 * 1024,
    minutePriceCk: ck(3),
    smsPriceCk: ck(2.5),
    mbPriceCk: ck(0.099),
    roamingMinutePriceCk: ck(69),
    roamingSmsPriceCk: ck(19),
    roamingMbPriceCk: ck(9.9),
  },
  {
    code: "biz-payg",
    nameRu: "Бизнес Поминутный",
    nameEn: "Business Pay-as-you-go",
    descriptionRu: "Без пакетов: минимальная абонентская плата, каждая минута, SMS и мегабайт оплачиваются отдельно.",
    descriptionEn: "No bundles: a minimal monthly fee; every minute, SMS and megabyte is paid for.",
    monthlyFee: rub(50),
    includedMinutes: 0,
    includedSms: 0,
    includedMb: 0,
    minutePriceCk: ck(1.9),
    smsPriceCk: ck(1.9),
    mbPriceCk: ck(0.99),
    roamingMinutePriceCk: ck(69),
    roamingSmsPriceCk: ck(19),
    roamingMbPriceCk: ck(19),
  },
  {
    code: "biz-iot",
    nameRu: "Бизнес Телеметрия",
    nameEn: "Business Telemetry",
    descriptionRu: "Для датчиков, терминалов и трекеров: 500 МБ и 50 SMS в месяц.",
    descriptionEn: "For sensors, terminals and trackers: 500 MB and 50 SMS a month.",
    monthlyFee: rub(120),
    includedMinutes: 0,
    includedSms: 50,
    includedMb: 500,
    minutePriceCk: ck(3),
    smsPriceCk: ck(1.5),
    mbPriceCk: ck(0.5),
    roamingMinutePriceCk: ck(69),
    roamingSmsPriceCk: ck(19),
    roamingMbPriceCk: ck(25),
  },
  {
    code: "biz-chief",
    nameRu: "Бизнес Руководитель",
    nameEn: "Business Executive",
    descriptionRu: "Для руководителей: 10 000 минут, 3000 SMS, 200 ГБ и недорогой роуминг.",
    descriptionEn: "For executives: 10,000 minutes, 3,000 SMS, 200 GB and inexpensive roaming.",
    monthlyFee: rub(2900),
    includedMinutes: 10_000,
    includedSms: 3000,
    includedMb: 200 * 1024,
    minutePriceCk: ck(1),
    smsPriceCk: ck(1),
    mbPriceCk: ck(0.05),
    roamingMinutePriceCk: ck(19),
    roamingSmsPriceCk: ck(9),
    roamingMbPriceCk: ck(4.9),
  },
];

const voiceTariffs = ["biz-start", "biz-pro", "biz-unlim", "biz-payg", "biz-chief", "biz-data"] as const;
const phoneTariffs = ["biz-start", "biz-pro", "biz-unlim", "biz-payg", "biz-chief"] as const;

export const catalogueServices: readonly CatalogueService[] = [
  {
    code: "caller-id",
    nameRu: "Определитель номера",
    nameEn: "Caller ID",
    descriptionRu: "Показывает номер звонящего.",
    descriptionEn: "Shows the caller's number.",
    monthlyFee: 0,
    tariffs: "all",
  },
  {
    code: "spam-shield",
    nameRu: "Защита от спама",
    nameEn: "Spam call shield",
    descriptionRu: "Предупреждает о звонках с номеров, замеченных в спаме и мошенничестве.",
    descriptionEn: "Warns of calls from numbers known for spam and fraud.",
    monthlyFee: rub(49),
    tariffs: voiceTariffs,
  },
  {
    code: "call-recording",
    nameRu: "Запись разговоров",
    nameEn: "Call recording",
    descriptionRu: "Записывает входящие и исходящие звонки; записи хранятся 90 дней.",
    descriptionEn: "Records incoming and outgoing calls; recordings are kept for 90 days.",
    monthlyFee: rub(290),
    tariffs: phoneTariffs,
  },
  {
    code: "world-roaming",
    nameRu: "Международный роуминг",
    nameEn: "International roaming",
    descriptionRu: "Звонки, SMS и интернет за границей по ценам тарифа для роуминга.",
    descriptionEn: "Calls, SMS and data abroad at the tariff's roaming prices.",
    monthlyFee: 0,
    tariffs: voiceTariffs,
  },
  {
    code: "voicemail",
    nameRu: "Голосовая почта",
    nameEn: "Voicemail",
    descriptionRu: "Принимает сообщения, когда сотрудник не отвечает, и присылает их в SMS-уведомлении.",
    descriptionEn: "Takes messages when the employee does not answer and notifies by SMS.",
    monthlyFee: rub(59),
    tariffs: phoneTariffs,
  },
  {
    code: "conference",
    nameRu: "Конференц-связь",
    nameEn: "Conference calls",
    descriptionRu: "Разговор до 10 участников одновременно.",
    descriptionEn: "Calls with up to 10 participants at once.",
    monthlyFee: rub(99),
    tariffs: phoneTariffs,
  },
  {
    code: "mobile-pbx",
    nameRu: "Мобильная АТС",
    nameEn: "Mobile PBX",
    descriptionRu: "Короткие внутренние номера, общий номер компании и переадресация на отделы.",
    descriptionEn: "Short internal numbers, one company number and routing to departments.",
    monthlyFee: rub(150),
    tariffs: phoneTariffs,
  },
  {
    code: "locator",
    nameRu: "Геопоиск сотрудников",
    nameEn: "Employee locator",
    descriptionRu: "Местоположение номера по запросу, с согласия сотрудника.",
    descriptionEn: "The number's location on request, with the employee's consent.",
    monthlyFee: rub(120),
    tariffs: "all",
  },
  {
    code: "static-ip",
    nameRu: "Статический IP-адрес",
    nameEn: "Static IP address",
    descriptionRu: "Постоянный внешний IP-адрес для доступа к устройству.",
    descriptionEn: "A fixed public IP address to reach the device.",
    monthlyFee: rub(200),
    tariffs: ["biz-data", "biz-iot", "biz-pro", "biz-unlim", "biz-chief"],
  },
  {
    code: "sms-sender",
    nameRu: "Имя отправителя SMS",
    nameEn: "SMS sender name",
    descriptionRu: "SMS от имени компании вместо номера.",
    descriptionEn: "SMS sent under the company's name instead of the number.",
    monthlyFee: rub(300),
    tariffs: ["biz-start", "biz-pro", "biz-unlim", "biz-chief", "biz-iot"],
  },
  {
    code: "content-lock",
    nameRu: "Запрет платного контента",
    nameEn: "Paid content lock",
    descriptionRu: "Запрещает подписки и платные короткие номера.",
    descriptionEn: "Blocks subscriptions and premium short numbers.",
    monthlyFee: 0,
    tariffs: "all",
  },
  {
    code: "tethering",
    nameRu: "Раздача интернета",
    nameEn: "Tethering",
    descriptionRu: "Раздача мобильного интернета на ноутбук и другие устройства.",
    descriptionEn: "Share mobile data with a laptop and other devices.",
    monthlyFee: rub(100),
    tariffs: voiceTariffs,
  },
];

/** Prices in a region relative to the catalogue (fees rounded to whole roubles). */
export const regionPriceFactors: Record<string, number> = {
  moscow: 1.2,
  northwest: 1.1,
  center: 1,
  volga: 0.95,
  south: 0.95,
  caucasus: 0.9,
  ural: 1,
  siberia: 0.95,
  fareast: 1.05,
};

export function regionalTariff(tariff: CatalogueTariff, regionCode: string): CatalogueTariff {
  const f = regionPriceFactors[regionCode] ?? 1;
  const fee = (kopecks: number) => Math.round((kopecks * f) / 100) * 100;
  const unit = (hundredths: number) => Math.round((hundredths * f) / 10) * 10;
  return {
    ...tariff,
    monthlyFee: fee(tariff.monthlyFee),
    minutePriceCk: unit(tariff.minutePriceCk),
    smsPriceCk: unit(tariff.smsPriceCk),
    mbPriceCk: unit(tariff.mbPriceCk),
    roamingMinutePriceCk: unit(tariff.roamingMinutePriceCk),
    roamingSmsPriceCk: unit(tariff.roamingSmsPriceCk),
    roamingMbPriceCk: unit(tariff.roamingMbPriceCk),
  };
}

export function regionalService(service: CatalogueService, regionCode: string): CatalogueService {
  const f = regionPriceFactors[regionCode] ?? 1;
  return { ...service, monthlyFee: Math.round((service.monthlyFee * f) / 100) * 100 };
}
