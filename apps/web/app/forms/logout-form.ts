import { z } from "zod";

/** "Log out" in the header and "log out everywhere" on the password page. */
export const logoutFormSchema = z.object({
  everywhere: z.literal("1").optional(),
});
