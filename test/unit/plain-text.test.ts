import { describe, expect, it } from "vitest";
import { plainText } from "../../src/cards/plain-text.js";

const visible = (s: string) => s.replace(/\u200B/g, "");

describe("plainText: what a person typed, safe on a card", () => {
  it("leaves ordinary Swedish text as it was", () => {
    const text = "Beslutet skickades t.ex. kl. 14.30 till fel mottagare, bl.a. 3 st. Berörd data: namn.";
    expect(plainText(text)).toBe(text);
    expect(plainText("")).toBe("");
  });

  it("defangs links, domains and addresses so no client links them", () => {
    expect(visible(plainText("se https://evil.example/login och www.evil.se, evil.com, eva@evil.se"))).toBe(
      "se https[:]//evil[.]example/login och www[.]evil[.]se, evil[.]com, eva[@]evil[.]se",
    );
    expect(visible(plainText("javascript:alert(1) mailto:x"))).toBe("javascript[:]alert(1) mailto[:]x");
  });

  it("breaks Markdown, HTML and mentions with invisible marks and look-alikes", () => {
    expect(plainText("[Klicka](x)")).toBe("[Klicka]\u200B(x)");
    expect(plainText("<at>DSO</at>")).toBe("<\u200Bat>DSO<\u200B/at>");
    expect(plainText("**fet** _kursiv_")).toBe("\u2217\u2217fet\u2217\u2217 \uFF3Fkursiv\uFF3F");
    expect(plainText("rad\n\n# rubrik\n- punkt")).toBe("rad\n\n\u200B# rubrik\n\u200B- punkt");
  });

  it("drops controls that can disguise text, keeps newlines and tabs", () => {
    expect(plainText("faktura\u202Efdp.exe\tok\r\nrad")).toBe("fakturafdp.exe\tok\nrad");
  });
});
