// Load generator of the apply.concurrent benchmark (bench-concurrent.ts), in its own process so
// that parsing twenty clients' pages does not delay the timing of the login page loads.
// Argument: JSON { baseUrl, clients, submissions, firstClient }. Prints JSON { seconds } when done.
const { baseUrl, clients, submissions, firstClient = 0 } = JSON.parse(process.argv[2] ?? "{}");

function hiddenValue(html, name) {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
  const value = /value="([^"]*)"/.exec(input)?.[1];
  if (value === undefined) throw new Error(`/apply has no ${name} field`);
  return value;
}

/** One person applying again and again: loads the form, posts it with its cookie and token. */
async function applyingClient(id, take) {
  let cookie = "";
  for (let n = take(); n !== null; n = take()) {
    const page = await fetch(`${baseUrl}/apply`, { headers: cookie ? { Cookie: cookie } : {} });
    const setCookie = page.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0] ?? "";
    const html = await page.text();
    const contact = `+79${String(100_000_000 + (id + 2) * 1_000_000 + n).slice(-9)}`;
    const form = new URLSearchParams({
      regionCode: "ural",
      companyName: `ООО «Нагрузка ${id}-${n}»`,
      ownerName: "Ёлкина-Д'Арк Анна Петровна",
      accountNumber: String(500_000_000 + (id + 2) * 100_000 + n),
      numbers: contact,
      contactNumber: contact,
      email: `load-${id}-${n}@bench.example`,
      representativeName: "Петров Пётр Петрович",
      submissionKey: hiddenValue(html, "submissionKey"),
      csrf: hiddenValue(html, "csrf"),
    });
    const response = await fetch(`${baseUrl}/apply`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
    const body = await response.text();
    const location = response.headers.get("location") ?? "";
    if (response.status < 300 || response.status >= 400 || !location.includes("/apply/done/")) {
      const problems = [...body.matchAll(/id="[^"]*-error"[^>]*>([^<]+)</g)].map((m) => m[1]).join("; ");
      throw new Error(`a submission answered ${response.status} ${location} ${problems}`);
    }
  }
}

let next = 0;
const take = () => (next < submissions ? next++ : null);
const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, c) => applyingClient(firstClient + c, take)));
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000 })}\n`);
