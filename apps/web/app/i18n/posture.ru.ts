// Texts of the production posture: error pages for refused requests (Russian). Every key here must exist in posture.en.ts.
export const ruPosture = {
  "errors.tooLarge.title": "Слишком большой запрос",
  "errors.tooLarge.text": "Отправленные данные больше допустимого ({limit} КБ). Сократите текст или файл и отправьте ещё раз.",
  "errors.rateLimited.title": "Слишком много попыток",
  "errors.rateLimited.text":
    "С вашего адреса было слишком много попыток за короткое время. Попробуйте снова через {minutes} мин.",
  "errors.badRequest.title": "Запрос не понят",
  "errors.badRequest.text": "Сервер не смог прочитать отправленную форму. Обновите страницу и попробуйте ещё раз.",
  "errors.reload": "Обновить страницу",
} as const;
