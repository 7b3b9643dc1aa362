/** The regions the portal serves, as seeded into an empty database. Office addresses are demo values. */
export const regionCatalogue = [
  { code: "moscow", referencePrefix: "MSK", nameRu: "Москва и область", nameEn: "Moscow", timeZone: "Europe/Moscow", officePhone: "+7 495 000-00-01" },
  { code: "northwest", referencePrefix: "NWS", nameRu: "Северо-Запад", nameEn: "North-West", timeZone: "Europe/Moscow", officePhone: "+7 812 000-00-02" },
  { code: "center", referencePrefix: "CEN", nameRu: "Центр", nameEn: "Center", timeZone: "Europe/Moscow", officePhone: "+7 4732 00-00-03" },
  { code: "volga", referencePrefix: "VLG", nameRu: "Поволжье", nameEn: "Volga", timeZone: "Europe/Samara", officePhone: "+7 846 000-00-04" },
  { code: "south", referencePrefix: "STH", nameRu: "Юг", nameEn: "South", timeZone: "Europe/Moscow", officePhone: "+7 861 000-00-05" },
  { code: "caucasus", referencePrefix: "CAU", nameRu: "Северный Кавказ", nameEn: "North Caucasus", timeZone: "Europe/Moscow", officePhone: "+7 8652 00-00-06" },
  { code: "ural", referencePrefix: "URL", nameRu: "Урал", nameEn: "Ural", timeZone: "Asia/Yekaterinburg", officePhone: "+7 343 000-00-07" },
  { code: "siberia", referencePrefix: "SIB", nameRu: "Сибирь", nameEn: "Siberia", timeZone: "Asia/Novosibirsk", officePhone: "+7 383 000-00-08" },
  { code: "fareast", referencePrefix: "FEA", nameRu: "Дальний Восток", nameEn: "Far East", timeZone: "Asia/Vladivostok", officePhone: "+7 423 000-00-09" },
].map((region, index) => ({
  ...region,
  officeEmail: `corporate.${region.code}@operator.example`,
  sortOrder: index,
}));
