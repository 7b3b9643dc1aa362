import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { approveApplication, rejectApplication } from "./decide-application.ts";
import { officeFixture, submit } from "./office-test-fixtures.ts";
import { listReviewQueue } from "./review-queue.ts";

async function queueFixture() {
  const fixture = await officeFixture();
  const { deps, staff } = fixture;
  const romashka = await submit(deps);
  deps.clock.advance(3 * 3_600_000);
  const vector = await submit(deps, {
    companyName: "АО «Вектор»",
    accountNumber: "100200301",
    numbers: "+7 920 600-20-00",
    contactNumber: "+7 920 600-20-00",
    email: "ceo@vector.example",
  });
  deps.clock.advance(2 * 86_400_000);
  const rejected = await submit(deps, {
    companyName: "ИП Ёжиков",
    accountNumber: "555666777",
    numbers: "+7 999 000-00-05",
    contactNumber: "+7 999 000-00-05",
    email: "ezh@example.com",
  });
  rejectApplication(deps, staff, { applicationId: rejected.id, reason: "Нет такого лицевого счёта" });
  return { ...fixture, romashka, vector, rejected };
}

const refs = (rows: { reference: string }[]) => rows.map((r) => r.reference);

describe("the office's review queue", () => {
  it("shows the region's submitted applications, oldest first, with their age", async () => {
    const { deps, staff, romashka, vector } = await queueFixture();
    const rows = listReviewQueue(deps, staff);
    expect(refs(rows)).toEqual([romashka.reference, vector.reference]);
    expect(rows[0]).toMatchObject({ companyName: "ООО «Ромашка»", numberCount: 3, status: "submitted", ageMs: 51 * 3_600_000 });
    expect(refs(listReviewQueue(deps, staff, { sort: "newest" }))).toEqual([vector.reference, romashka.reference]);
  });

  it("filters by status", async () => {
    const { deps, staff, romashka, vector, rejected } = await queueFixture();
    expect(refs(listReviewQueue(deps, staff, { status: "rejected" }))).toEqual([rejected.reference]);
    expect(refs(listReviewQueue(deps, staff, { status: "approved" }))).toEqual([]);
    await approveApplication(deps, staff, { applicationId: romashka.id });
    expect(refs(listReviewQueue(deps, staff, { status: "approved" }))).toEqual([romashka.reference]);
    expect(refs(listReviewQueue(deps, staff, { status: "all" }))).toEqual([romashka.reference, vector.reference, rejected.reference]);
  });

  it("searches by reference, company (any case, ё as е), account and number in any format", async () => {
    const { deps, staff, romashka, vector, rejected } = await queueFixture();
    const search = (q: string) => refs(listReviewQueue(deps, staff, { status: "all", q }));
    expect(search(vector.reference.toLowerCase())).toEqual([vector.reference]);
    expect(search("ромашка")).toEqual([romashka.reference]);
    expect(search("ВЕКТОР")).toEqual([vector.reference]);
    expect(search("ежиков")).toEqual([rejected.reference]);
    expect(search("100 200 301")).toEqual([vector.reference]);
    expect(search("8 (920) 600-20-00")).toEqual([vector.reference]);
    expect(search("345-67-90")).toEqual([romashka.reference]);
    expect(search("%")).toEqual([]);
    expect(search("нет такой")).toEqual([]);
  });

  it("never shows another region's applications", async () => {
    const { deps, moscowStaff } = await queueFixture();
    expect(listReviewQueue(deps, moscowStaff, { status: "all" })).toEqual([]);
    expect(listReviewQueue(deps, moscowStaff, { status: "all", q: "ромашка" })).toEqual([]);
  });

  it("is for office staff only", async () => {
    const { deps, staff } = await queueFixture();
    expect(() => listReviewQueue(deps, { ...staff, role: "company_admin", companyId: 1 })).toThrow(DomainError);
  });
});
