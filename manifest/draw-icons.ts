/**
 * Draws the two Teams icons (a shield with a "V") into manifest/color.png and
 * manifest/outline.png. Run once with `npx tsx manifest/draw-icons.ts` after
 * changing the design; the PNGs are committed.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

type Rgba = readonly [number, number, number, number];

const ACCENT: Rgba = [0x1f, 0x4e, 0x79, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Shield in unit coordinates: x in [-1, 1], y in [0, 1] from top to point. */
function inShield(x: number, y: number, inset: number): boolean {
  const top = 0.02 + inset;
  const bottom = 1 - inset * 1.6;
  if (y < top || y > bottom) return false;
  const shoulder = 0.45;
  const halfWidth = 0.82 - inset;
  const t = (y - shoulder) / (bottom - shoulder);
  const w = y <= shoulder ? halfWidth : halfWidth * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x) <= w;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inV(x: number, y: number): boolean {
  const stroke = 0.12;
  return (
    distanceToSegment(x, y, -0.42, 0.22, 0, 0.74) < stroke ||
    distanceToSegment(x, y, 0.42, 0.22, 0, 0.74) < stroke
  );
}

/** Renders with 4×4 supersampling; `paint` returns the colour at a point in unit coordinates. */
function draw(size: number, margin: number, paint: (x: number, y: number) => Rgba): PNG {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (px + (sx + 0.5) / n) / size;
          const v = (py + (sy + 0.5) / n) / size;
          const c = paint(((u - 0.5) * 2) / (1 - 2 * margin), (v - margin) / (1 - 2 * margin));
          // Premultiplied, so that edges against transparency keep their colour.
          for (let i = 0; i < 3; i++) sum[i]! += (c[i]! * c[3]) / 255;
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]! / (n * n);
      const o = (py * size + px) * 4;
      for (let i = 0; i < 3; i++) png.data[o + i] = alpha > 0 ? Math.round((sum[i]! / sum[3]!) * 255) : 0;
      png.data[o + 3] = Math.round(alpha);
    }
  }
  return png;
}

/** Colour icon: white shield with an accent "V" on an accent background (192×192). */
function colorIcon(): PNG {
  return draw(192, 0.16, (x, y) => (inShield(x, y, 0) && !inV(x, y) ? WHITE : ACCENT));
}

/** Outline icon: white shield with the "V" cut out, on transparency (32×32). */
function outlineIcon(): PNG {
  return draw(32, 0.04, (x, y) => (inShield(x, y, 0) && !inV(x, y) ? WHITE : CLEAR));
}

const dir = path.dirname(process.argv[1] ?? ".");
writeFileSync(path.join(dir, "color.png"), PNG.sync.write(colorIcon()));
writeFileSync(path.join(dir, "outline.png"), PNG.sync.write(outlineIcon()));
