/** Lower-cased text without @mentions, markup or surrounding punctuation, for matching commands. */
export function normalizeCommandText(text: string | undefined): string {
  return (text ?? "")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .toLowerCase()
    .replace(/[\s]+/g, " ")
    .replace(/^[\s.!?,:;]+|[\s.!?,:;]+$/g, "");
}
