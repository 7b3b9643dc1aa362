// Test support for the cabinet's use cases (imported by *.test.ts only).
import { eq } from "drizzle-orm";
import { actorOfUser } from "../auth/actor.ts";
import { logIn } from "../auth/log-in.ts";
import { users } from "../db/schema.ts";
import { approveApplication } from "../office/decide-application.ts";
import { addAccount, officeFixture, submit } from "../office/office-test-fixtures.ts";

/** Two companies of Ural approved through the office, each with an administrator and some history. */
export async function companyAuditFixture() {
  const fixture = await officeFixture();
  const { deps, staff } = fixture;
  addAccount(deps, { accountNumber: "100200301", ownerName: "Соколов Игорь Павлович", msisdns: ["+79206002000"] });
  const romashka = await submit(deps);
  const vector = await submit(deps, {
    companyName: "АО «Вектор»",
    ownerName: "Соколов Игорь Павлович",
    accountNumber: "100200301",
    numbers: "+7 920 600-20-00",
    contactNumber: "+7 920 600-20-00",
    email: "ceo@vector.example",
  });
  await approveApplication(deps, staff, { applicationId: romashka.id });
  deps.clock.advance(60_000);
  await approveApplication(deps, staff, { applicationId: vector.id });
  deps.clock.advance(60_000);
  await logIn(deps, { regionCode: "ural", login: "c100200300", password: "wrong-password-1", clientAddress: "10.0.0.1" });
  const romashkaUser = deps.db.select().from(users).where(eq(users.login, "c100200300")).get();
  const vectorUser = deps.db.select().from(users).where(eq(users.login, "c100200301")).get();
  if (!romashkaUser || !vectorUser) throw new Error("admins not created");
  return { ...fixture, romashkaAdmin: actorOfUser(romashkaUser), vectorAdmin: actorOfUser(vectorUser) };
}
