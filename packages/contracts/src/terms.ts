import { z } from "zod";
import { LocalDateSchema } from "./common";

/** A term of the term calendar (SPEC §3); `default: true` (and `id: null`) for the default rule of a year nobody entered. */
export const TermSchema = z
  .object({
    id: z.number().int().nullable(),
    name: z.string().meta({ example: "vt 2025" }),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    default: z.boolean(),
  })
  .meta({ id: "Term" });

export const TermsQuerySchema = z.object({
  year: z.coerce
    .number({ error: "Ange ett år, t.ex. 2025." })
    .int({ error: "Ange ett år, t.ex. 2025." })
    .min(1900, { error: "Ange ett år mellan 1900 och 2200." })
    .max(2200, { error: "Ange ett år mellan 1900 och 2200." })
    .optional()
    .meta({ description: "The year whose terms to list (by the year in the term's name); without it, every stored term" }),
});

export const TERM_NAME = /^(vt|ht) (\d{4})$/;

export const PutTermsSchema = z
  .object({
    terms: z
      .array(
        z
          .object({
            name: z
              .string({ error: "Ange terminens namn, t.ex. vt 2025." })
              .trim()
              .regex(TERM_NAME, { error: 'Terminens namn ska vara "vt ÅÅÅÅ" eller "ht ÅÅÅÅ", t.ex. vt 2025.' }),
            startDate: LocalDateSchema,
            endDate: LocalDateSchema,
          })
          .refine((t) => t.endDate >= t.startDate, { error: "Terminens slutdatum ligger före dess startdatum.", path: ["endDate"] })
          .refine((t) => t.startDate.slice(0, 4) === t.name.slice(3) && t.endDate.slice(0, 4) === t.name.slice(3), {
            error: "Terminen ska börja och sluta under året i sitt namn.",
            path: ["startDate"],
          }),
        { error: "Ange terminerna som en lista." },
      )
      .min(1, { error: "Ange minst en termin." })
      .max(200),
  })
  .superRefine((body, ctx) => {
    const seen = new Map<string, number>();
    body.terms.forEach((t, i) => {
      if (seen.has(t.name)) ctx.addIssue({ code: "custom", path: ["terms", i, "name"], message: `Terminen ${t.name} finns två gånger.` });
      seen.set(t.name, i);
    });
    const ordered = body.terms.map((t, i) => ({ ...t, i })).sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (let k = 1; k < ordered.length; k += 1) {
      const before = ordered[k - 1];
      const term = ordered[k];
      if (before && term && term.startDate <= before.endDate) {
        ctx.addIssue({
          code: "custom",
          path: ["terms", term.i, "startDate"],
          message: `${term.name} överlappar ${before.name} (som slutar ${before.endDate}).`,
        });
      }
    }
  })
  .meta({ id: "PutTerms" });

export type TermEntry = z.infer<typeof TermSchema>;
export type PutTerms = z.output<typeof PutTermsSchema>;
