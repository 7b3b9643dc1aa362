// Every fixed text printed on the application form: Russian first, English translation second.

export interface Bilingual {
  ru: string;
  en: string;
}

export const PRODUCT_NAME: Bilingual = { ru: "Корпоративный кабинет", en: "Corporate cabinet" };

export const DOCUMENT_KIND: Bilingual = { ru: "Бланк заявления", en: "Application form" };

export const TITLE: Bilingual = {
  ru: "Заявление на подключение к корпоративному кабинету",
  en: "Application for access to the corporate cabinet",
};

export const REFERENCE = { number: "№", dated: "от", en: "Reference number and date" };

export const ADDRESSEE = {
  labelRu: "Куда:",
  labelEn: "To:",
  officeRu: (regionRu: string) => `региональный офис ${regionRu}`,
  officeEn: (regionEn: string) => `${regionEn} regional office`,
  blankEn: "regional office",
};

export const FIELD_LABELS = {
  region: { ru: "Регион регистрации SIM-карт", en: "Region" },
  company: { ru: "Наименование организации", en: "Company name" },
  owner: { ru: "ФИО собственника (владельца лицевого счёта)", en: "Owner's full name" },
  account: { ru: "Номер лицевого счёта", en: "Personal account number" },
  numbers: { ru: "Номера для доступа", en: "Numbers to open access for" },
  contact: { ru: "Контактный номер (для SMS с логином)", en: "Contact number (for the SMS with the login)" },
  email: { ru: "Электронная почта", en: "E-mail" },
  representative: { ru: "Представитель", en: "Representative" },
} satisfies Record<string, Bilingual>;

export const NUMBERS = {
  total: (n: number) => `Всего: ${n} / Total: ${n}`,
  continuedOn: (page: number) => `Продолжение списка — на стр. ${page} / Continued on page ${page}`,
  blankHint: {
    ru: "Если номеров больше, приложите список на отдельном листе",
    en: "If there are more numbers, attach a list on a separate sheet",
  },
  continuationTitle: {
    ru: "Номера для доступа (продолжение)",
    en: "Numbers to open access for (continued)",
  },
  continuationOf: (reference: string, date: string) =>
    `Приложение к заявлению ${REFERENCE.number} ${reference} ${REFERENCE.dated} ${date}`,
};

export const STATEMENT: Bilingual = {
  ru:
    "Организация просит открыть доступ к корпоративному кабинету для перечисленных выше номеров. " +
    "Логин и временный пароль будут направлены SMS-сообщением на контактный номер, указанный в заявлении.",
  en:
    "The company requests access to the corporate cabinet for the numbers listed above. " +
    "The login and a temporary password will be sent by SMS to the contact number stated in this application.",
};

export const SIGNATURE = {
  heading: { ru: "Представитель организации", en: "Company representative" },
  initials: { ru: "Инициалы", en: "Initials" },
  signature: { ru: "Подпись", en: "Signature" },
  date: { ru: "Дата", en: "Date" },
  stamp: { ru: "М.П.", en: "Seal" },
} satisfies Record<string, Bilingual>;

export const VERIFICATION = {
  code: { ru: "Код проверки", en: "Verification code" },
  explanation: {
    ru: "По этому коду региональный офис может убедиться, что бланк соответствует заявлению, зарегистрированному в системе.",
    en: "The regional office can use this code to confirm that this form matches the application on record.",
  },
  blankNote: {
    ru: "Код проверки присваивается при подаче заявления на сайте",
    en: "The verification code is assigned when the application is submitted on the website",
  },
} as const;

export const PAGE_NUMBER = (page: number, total: number) => `Стр. ${page} из ${total} / Page ${page} of ${total}`;

export const METADATA = {
  subject: "Application for access to the corporate cabinet",
  creator: "Corporate cabinet",
  keywords: ["corporate cabinet", "access application"],
};
