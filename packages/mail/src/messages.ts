import type { Locale } from "./types.ts";

// The texts of every e-mail, in both languages. Templates pick from here; nothing is hard-coded there.
const ru = {
  footer: "Корпоративный кабинет. Это письмо отправлено автоматически, отвечать на него не нужно.",
  reference: "Номер заявления",
  submittedOn: "Дата",
  region: "Регион",
  companyName: "Организация",
  ownerName: "ФИО собственника",
  accountNumber: "Лицевой счёт",
  numbers: "Номера",
  contactNumber: "Контактный номер",
  email: "Электронная почта",
  representativeName: "Представитель",
  verificationCode: "Код проверки",
  received: {
    subject: (ref: string) => `Заявление ${ref} принято`,
    heading: "Мы получили ваше заявление",
    intro: (region: string) =>
      `Заявление на подключение к корпоративному кабинету отправлено в офис региона «${region}». Заявление в PDF — во вложении: сохраните его, а если офис попросит, распечатайте, подпишите и принесите.`,
    next: [
      "Офис проверит заявление по данным лицевого счёта.",
      "После одобрения логин и временный пароль придут SMS на контактный номер.",
      "При первом входе вы зададите свой пароль.",
    ],
    statusHint: (ref: string, email: string) =>
      `Статус заявления можно проверить на сайте по номеру заявления ${ref} и адресу электронной почты ${email}.`,
    status: "Проверить статус заявления",
    contact: (email: string) => `Вопросы по заявлению можно задать офису: ${email}.`,
  },
  approved: {
    subject: (ref: string) => `Заявление ${ref} одобрено — доступ открыт`,
    heading: "Доступ к корпоративному кабинету открыт",
    intro: (company: string, region: string) =>
      `Заявление организации ${company} одобрено офисом региона «${region}».`,
    login: "Ваш логин",
    password:
      "Временный пароль отправлен SMS на контактный номер из заявления. По почте пароли не отправляются. При первом входе задайте свой пароль.",
    cta: "Войти в кабинет",
  },
  rejected: {
    subject: (ref: string) => `Заявление ${ref} отклонено`,
    heading: "Заявление отклонено",
    intro: (company: string, region: string) =>
      `Офис региона «${region}» отклонил заявление организации ${company}.`,
    reason: "Причина",
    contact: (email: string, phone: string) => `Вопросы можно задать офису: ${email}, ${phone}.`,
    cta: "Подать новое заявление",
  },
};

const en: typeof ru = {
  footer: "Corporate cabinet. This message was sent automatically; there is no need to reply.",
  reference: "Reference",
  submittedOn: "Date",
  region: "Region",
  companyName: "Company",
  ownerName: "Owner",
  accountNumber: "Personal account",
  numbers: "Numbers",
  contactNumber: "Contact number",
  email: "E-mail",
  representativeName: "Representative",
  verificationCode: "Verification code",
  received: {
    subject: (ref: string) => `Application ${ref} received`,
    heading: "We have received your application",
    intro: (region: string) =>
      `Your access application for the corporate cabinet was sent to the ${region} office. The PDF application is attached: keep it, and if the office asks, print it, sign it and bring it in.`,
    next: [
      "The office checks the application against the personal account.",
      "Once approved, the login and a temporary password come by SMS to the contact number.",
      "At the first login you choose your own password.",
    ],
    statusHint: (ref: string, email: string) =>
      `You can follow the status of the application on the website with the reference ${ref} and the e-mail address ${email}.`,
    status: "Check the application status",
    contact: (email: string) => `Questions about the application can be sent to the office: ${email}.`,
  },
  approved: {
    subject: (ref: string) => `Application ${ref} approved: access is open`,
    heading: "Your access to the corporate cabinet is open",
    intro: (company: string, region: string) => `The application of ${company} was approved by the ${region} office.`,
    login: "Your login",
    password:
      "The temporary password was sent by SMS to the contact number in the application. Passwords are never sent by e-mail. Choose your own password at the first login.",
    cta: "Log in to the cabinet",
  },
  rejected: {
    subject: (ref: string) => `Application ${ref} rejected`,
    heading: "Your application was rejected",
    intro: (company: string, region: string) => `The ${region} office rejected the application of ${company}.`,
    reason: "Reason",
    contact: (email: string, phone: string) => `Questions can be sent to the office: ${email}, ${phone}.`,
    cta: "Apply again",
  },
};

export const messages: Record<Locale, typeof ru> = { ru, en };

/** The e-mail to a regional office's staff: Russian only. */
export const officeMessages = {
  subject: (ref: string, company: string) => `Заявление на доступ к корпоративному кабинету ${ref} — ${company}`,
  heading: (ref: string) => `Новое заявление ${ref}`,
  intro:
    "Поступило заявление на доступ к корпоративному кабинету. Заполненный бланк — во вложении (PDF). Проверьте заявление по данным лицевого счёта и примите решение в консоли офиса.",
  verification: (code: string) =>
    `Код проверки на бланке: ${code}. По нему можно убедиться, что бумажный бланк совпадает с заявлением.`,
  cta: "Открыть заявление в консоли офиса",
};
