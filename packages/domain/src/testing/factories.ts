import { randomUUID } from "node:crypto";

let sequence = 0;

/** A valid access application form as a person would type it; override any field. */
export function applicationFormFactory(overrides: Record<string, string> = {}): Record<string, string> {
  sequence++;
  return {
    regionCode: "ural",
    companyName: "ООО «Ромашка»",
    ownerName: "Ёлкина-Д'Арк Анна Петровна",
    accountNumber: "100200300",
    numbers: "8 (912) 345-67-89\n+7 912 345 67 90; 79123456791",
    contactNumber: "+7 912 345-67-89",
    email: "director@romashka.example",
    representativeName: "Петров Пётр Петрович",
    submissionKey: `test-${randomUUID()}`,
    ...overrides,
  };
}

export function nextTestSequence(): number {
  return ++sequence;
}
