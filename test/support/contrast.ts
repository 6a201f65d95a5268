/**
 * WCAG 2.1 contrast of Adaptive Card text in Teams' themes. The colours are
 * Teams' published host configs: light and dark as Microsoft ships them for
 * the Adaptive Cards designer (samples/HostConfig/microsoft-teams-*.json in
 * microsoft/AdaptiveCards, `#AARRGGBB` where eight digits), high contrast
 * from the Teams high-contrast palette (Fluent UI's teams-high-contrast site
 * variables: black body, white text, accessible yellow, green and cyan, red),
 * where container styles get no tinted background.
 */
export const TEXT_COLOURS = ["default", "dark", "light", "accent", "good", "warning", "attention"] as const;
export const CONTAINER_STYLES = ["default", "emphasis", "accent", "good", "attention", "warning"] as const;
export type TextColour = (typeof TEXT_COLOURS)[number];
export type ContainerStyle = (typeof CONTAINER_STYLES)[number];

interface StyleColours {
  background: string;
  foreground: Record<TextColour, { default: string; subtle: string }>;
}
export type Theme = Record<ContainerStyle, StyleColours>;

const fg = (
  entries: Record<TextColour, [string, string]>,
): Record<TextColour, { default: string; subtle: string }> =>
  Object.fromEntries(Object.entries(entries).map(([k, [d, s]]) => [k, { default: d, subtle: s }])) as never;

const LIGHT_FG = fg({
  default: ["#ff252424", "#bf252424"],
  dark: ["#252424", "#bf252424"],
  light: ["#ffffff", "#fff3f2f1"],
  accent: ["#6264a7", "#8b8cc7"],
  good: ["#92c353", "#e592c353"],
  warning: ["#f8d22a", "#e5f8d22a"],
  attention: ["#c4314b", "#e5c4314b"],
});
const DARK_FG = fg({
  default: ["#ffffffff", "#bfffffff"],
  dark: ["#ff201f1f", "#ff2d2c2c"],
  light: ["#ffffffff", "#bfffffff"],
  accent: ["#ffa6a7dc", "#ff8b8cc7"],
  good: ["#ff92c353", "#e592c353"],
  warning: ["#fff8d22a", "#e5f8d22a"],
  attention: ["#ffd74654", "#e5d74654"],
});
/** In the dark theme the tinted containers keep their light backgrounds, and text on them is dark. */
const DARK_ON_TINT = { ...DARK_FG, default: { default: "#ff201f1f", subtle: "#ff2d2c2c" } };
const HC_FG = fg({
  default: ["#ffffff", "#ffffff"],
  dark: ["#ffffff", "#ffffff"],
  light: ["#ffffff", "#ffffff"],
  accent: ["#1aebff", "#1aebff"],
  good: ["#3ff23f", "#3ff23f"],
  warning: ["#ffff01", "#ffff01"],
  attention: ["#ff0000", "#ff0000"],
});

export const TEAMS_THEMES: Record<"light" | "dark" | "highContrast", Theme> = {
  light: {
    default: { background: "#ffffff", foreground: LIGHT_FG },
    emphasis: { background: "#fff9f8f7", foreground: LIGHT_FG },
    accent: { background: "#C7DEF9", foreground: LIGHT_FG },
    good: { background: "#CCFFCC", foreground: LIGHT_FG },
    attention: { background: "#FFC5B2", foreground: LIGHT_FG },
    warning: { background: "#FFE2B2", foreground: LIGHT_FG },
  },
  dark: {
    default: { background: "#ff2d2c2c", foreground: DARK_FG },
    emphasis: { background: "#ff292828", foreground: DARK_FG },
    accent: { background: "#C7DEF9", foreground: DARK_ON_TINT },
    good: { background: "#CCFFCC", foreground: DARK_ON_TINT },
    attention: { background: "#FFC5B2", foreground: DARK_ON_TINT },
    warning: { background: "#FFE2B2", foreground: DARK_ON_TINT },
  },
  highContrast: Object.fromEntries(
    CONTAINER_STYLES.map((s) => [s, { background: "#000000", foreground: HC_FG }]),
  ) as Theme,
};

type Rgba = [number, number, number, number];

/** `#RGB`, `#RRGGBB` or `#AARRGGBB` (the host config's order). */
function parse(hex: string): Rgba {
  let h = hex.replace("#", "");
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  const alpha = h.length === 8 ? Number.parseInt(h.slice(0, 2), 16) / 255 : 1;
  const rgb = h.length === 8 ? h.slice(2) : h;
  return [0, 2, 4].map((i) => Number.parseInt(rgb.slice(i, i + 2), 16)).concat(alpha) as Rgba;
}

function over(fgColour: Rgba, bg: Rgba): [number, number, number] {
  const a = fgColour[3];
  return [0, 1, 2].map((i) => fgColour[i]! * a + bg[i]! * (1 - a)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2.1 contrast ratio of a (possibly translucent) text colour on a background. */
export function contrast(text: string, background: string): number {
  const bg = over(parse(background), [255, 255, 255, 1]);
  const l1 = luminance(over(parse(text), [...bg, 1]));
  const l2 = luminance(bg);
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** A template property: a literal, or an expression whose quoted literals are its possible values (none: any). */
function possible<T extends string>(value: unknown, all: readonly T[], fallback: T): T[] {
  if (value === undefined) return [fallback];
  const s = String(value);
  const known = (v: string) => all.find((a) => a === v.toLowerCase());
  if (!s.includes("${")) return [known(s) ?? fallback];
  const literals = [...s.matchAll(/'([^']*)'/g)].map((m) => known(m[1]!)).filter((v): v is T => !!v);
  return literals.length ? [...new Set(literals)] : [...all];
}

export interface ContrastFailure {
  path: string;
  theme: string;
  style: ContainerStyle;
  colour: TextColour;
  subtle: boolean;
  ratio: number;
}

const CHILDREN = ["body", "items", "columns", "actions", "card", "inlines"];

/** Every text of a template (TextBlock, TextRun, FactSet) in every style it may sit in, below 4.5:1 in any theme. */
export function contrastFailures(template: unknown, minimum = 4.5): ContrastFailure[] {
  const failures: ContrastFailure[] = [];
  const visit = (node: unknown, styles: ContainerStyle[], path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) visit(n, styles, `${path}[${i}]`);
      return;
    }
    if (!node || typeof node !== "object") return;
    const el = node as Record<string, unknown>;
    const here =
      el.style !== undefined &&
      ["Container", "Column", "ColumnSet", "TableCell", "Table"].includes(String(el.type))
        ? possible(el.style, CONTAINER_STYLES, "default")
        : styles;
    if (["TextBlock", "TextRun", "FactSet"].includes(String(el.type))) {
      const colours = possible(el.color, TEXT_COLOURS, "default");
      const subtle = el.isSubtle === true || String(el.isSubtle ?? "").includes("${");
      for (const [name, theme] of Object.entries(TEAMS_THEMES))
        for (const style of here)
          for (const colour of colours)
            for (const sub of subtle ? [false, true] : [false]) {
              const c = theme[style];
              const ratio = contrast(c.foreground[colour][sub ? "subtle" : "default"], c.background);
              if (ratio < minimum)
                failures.push({
                  path,
                  theme: name,
                  style,
                  colour,
                  subtle: sub,
                  ratio: Math.round(ratio * 100) / 100,
                });
            }
    }
    // An Action.ShowCard's card starts again from the default style.
    for (const key of CHILDREN)
      if (key in el) visit(el[key], key === "card" ? ["default"] : here, `${path}.${key}`);
  };
  visit(template, ["default"], "$");
  return failures;
}
