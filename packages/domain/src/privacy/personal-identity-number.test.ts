import Personnummer from "personnummer";
import { describe, expect, it } from "vitest";
import { containsPersonalIdentityNumber, findPersonalIdentityNumbers } from "./personal-identity-number";

/** Luhn check digit of the 9 digits YYMMDDNNN, to build numbers with a right check digit but another flaw. */
function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

describe("finding personal identity numbers", () => {
  it.each([
    ["12 digits", "Pratade med pojken (198507099805) om läxhjälp.", "198507099805"],
    ["12 digits with a hyphen", "Kontakt med förälder till 19850709-9805 efter skolan.", "19850709-9805"],
    ["10 digits with a hyphen", "Elev 850709-9805 var med på fritidsgården.", "850709-9805"],
    ["10 digits without separator", "pnr 8507099805, hämtad av mamma", "8507099805"],
    ["10 digits with a plus for someone over a hundred", "Besök hos 850709+9805 på äldreboendet.", "850709+9805"],
    ["a samordningsnummer", "Samordningsnummer 701063-2391 noterat.", "701063-2391"],
    ["a samordningsnummer of 12 digits", "Reg. 197010632391.", "197010632391"],
    ["a number written with an en dash", "Ungdomen 850709–9805 sågs vid torget.", "850709–9805"],
    ["a number at the very start", "121212-1212 var med", "121212-1212"],
    ["a number at the very end", "Samtal med 20121212-1212", "20121212-1212"],
  ])("finds %s", (_, text, number) => {
    expect(findPersonalIdentityNumbers(text)).toEqual([number]);
    expect(containsPersonalIdentityNumber(text)).toBe(true);
  });

  it("finds every number in a text, in order", () => {
    expect(findPersonalIdentityNumbers("Syskonen 121212-1212 och 850709-9805, båda på plats.")).toEqual([
      "121212-1212",
      "850709-9805",
    ]);
  });

  it("agrees with the personnummer package on the test numbers used here", () => {
    for (const number of ["198507099805", "850709-9805", "850709+9805", "701063-2391", "121212-1212"]) {
      expect(Personnummer.valid(number)).toBe(true);
    }
  });
});

describe("numbers that are not personal identity numbers", () => {
  it.each([
    ["a wrong check digit, 12 digits", "Möte 198507099804 inställt."],
    ["a wrong check digit, with hyphen", "Elev 850709-9804 deltog."],
    ["a samordningsnummer with a wrong check digit", "Nr 701063-2392."],
    ["a digit run longer than a personnummer", "Ärende 1198507099805 avslutat, faktura 8507099805123."],
    ["a digit run between 10 and 12 digits", "Referens 98507099805."],
  ])("refuses %s", (_, text) => {
    expect(findPersonalIdentityNumbers(text)).toEqual([]);
  });

  it("refuses a date that does not exist even with a matching check digit", () => {
    const month13 = `851309-123${checkDigit("851309123")}`;
    const day32 = `850132-123${checkDigit("850132123")}`;
    const notLeap = `230229-123${checkDigit("230229123")}`;
    const coordinationDay92 = `850192-123${checkDigit("850192123")}`;
    for (const number of [month13, day32, notLeap, coordinationDay92]) {
      expect(containsPersonalIdentityNumber(`Nr ${number}`)).toBe(false);
    }
    // The same construction does find a real date, so the check digit helper is right.
    expect(containsPersonalIdentityNumber(`Nr 240229-123${checkDigit("240229123")}`)).toBe(true);
  });

  it("lets organisation numbers through: their month is 20 or more", () => {
    // Göteborgs Stad and Polismyndigheten; Luhn-valid, but no person is born in month 20 or 21.
    expect(containsPersonalIdentityNumber("Göteborgs Stad (212000-1355) och Polisen (202100-0076)")).toBe(false);
  });

  it.each([
    "Medborgarlöftet gäller 2024-02-27 – 2025-12-31.",
    "Uppföljning 20240227 och 20251231.",
    "Ring fältassistenten på 070-685 20 45 eller växeln 031-365 00 00.",
    "Mobil 0706852045, växel 0313650000, 031-3650000.",
    "Postadress Box 5049, 404 82 Göteborg.",
    "Kvällspass kl. 18.30–22.00, samling 18:15.",
    "70 aktiviteter på mötesplatsen vecka 9, 3 500 under året.",
    "Minst 400 hot spot-pass och 200 uppsökande tillfällen per år 2023–2024.",
    "Ordernummer 123456789, ärendenummer 2024/1234.",
  ])("lets ordinary text with digits through: %s", (text) => {
    expect(findPersonalIdentityNumbers(text)).toEqual([]);
    expect(containsPersonalIdentityNumber(text)).toBe(false);
  });

  it("lets the realistic phone numbers above through because they fail the Luhn check, not by luck of the pattern", () => {
    expect(Personnummer.valid("0706852045")).toBe(false);
    expect(Personnummer.valid("0313650000")).toBe(false);
  });

  it("finds nothing in an empty text", () => {
    expect(findPersonalIdentityNumbers("")).toEqual([]);
  });
});
