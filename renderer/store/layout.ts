/**
 * The window's remembered layout: splitter positions, file-list column
 * widths, the hidden-files choice per side and the bottom panel's tab. Kept
 * in localStorage under one versioned key; whatever is read back is checked,
 * and anything missing, old or malformed falls back to the defaults (a bad
 * value must never keep the window from opening).
 */
import { z } from 'zod';
import { create } from 'zustand';

/** The localStorage key. A new shape gets a new version (old keys are then ignored). */
export const LAYOUT_KEY = 'ferry.layout.v1';

/** The two file panes. */
export type PaneSide = 'Local' | 'Remote';
/** The bottom panel's tabs. */
export const BOTTOM_TABS = ['queue', 'log', 'editing'] as const;
export type BottomTab = (typeof BOTTOM_TABS)[number];

/** Limits, so a stored value can never hide a part of the window. */
export const LIMITS = {
  /** Share of the width the local pane takes, between the two panes. */
  localShare: { min: 0.15, max: 0.85, default: 0.5 },
  /** Height of the bottom panel in pixels. */
  bottomHeight: { min: 100, max: 2000 },
  /** A file-list column, in pixels. */
  column: { max: 1200 },
} as const;

const Widths = z.record(z.string(), z.number().int().min(20).max(LIMITS.column.max));

const LayoutSchema = z.object({
  /** `null`: the default (30% of the window). */
  bottomHeight: z.number().min(LIMITS.bottomHeight.min).max(LIMITS.bottomHeight.max).nullable().catch(null),
  localShare: z.number().min(LIMITS.localShare.min).max(LIMITS.localShare.max).catch(LIMITS.localShare.default),
  columns: z.object({ Local: Widths.catch({}), Remote: Widths.catch({}) }).catch({ Local: {}, Remote: {} }),
  /** `null`: the side's own default (hidden locally, shown on servers). */
  showHidden: z.object({ Local: z.boolean().nullable().catch(null), Remote: z.boolean().nullable().catch(null) }).catch({ Local: null, Remote: null }),
  bottomTab: z.enum(BOTTOM_TABS).catch('queue'),
});

/** The remembered layout. */
export type Layout = z.infer<typeof LayoutSchema>;

/** The layout of a first start. */
export const DEFAULT_LAYOUT: Layout = {
  bottomHeight: null,
  localShare: LIMITS.localShare.default,
  columns: { Local: {}, Remote: {} },
  showHidden: { Local: null, Remote: null },
  bottomTab: 'queue',
};

/**
 * Reads a stored layout. Each field is checked on its own (`.catch`), so one
 * bad value costs only that value; unreadable JSON or a non-object gives the defaults.
 */
export function parseLayout(text: string | null): Layout {
  if (text === null) return DEFAULT_LAYOUT;
  try {
    const parsed = LayoutSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_LAYOUT;
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function read(): Layout {
  try {
    return parseLayout(window.localStorage.getItem(LAYOUT_KEY));
  } catch {
    // Storage can be refused (privacy settings); the window still works, unremembered.
    return DEFAULT_LAYOUT;
  }
}

/** The layout store; change it only through the functions below, which also save it. */
export const useLayout = create<Layout>()(() => read());

function update(change: Partial<Layout>): void {
  useLayout.setState(change);
  try {
    window.localStorage.setItem(LAYOUT_KEY, JSON.stringify(useLayout.getState()));
  } catch {
    // Full or refused storage: keep the layout for this window only.
  }
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Sets the bottom panel's height in pixels (`null`: back to the default). */
export function setBottomHeight(height: number | null): void {
  update({ bottomHeight: height === null ? null : Math.round(clamp(height, LIMITS.bottomHeight.min, LIMITS.bottomHeight.max)) });
}

/** Sets the local pane's share of the panes' width (0.15–0.85). */
export function setLocalShare(share: number): void {
  update({ localShare: Math.round(clamp(share, LIMITS.localShare.min, LIMITS.localShare.max) * 1000) / 1000 });
}

/** Sets one file-list column's width in pixels (`null`: back to its default). */
export function setColumnWidth(side: PaneSide, column: string, width: number | null): void {
  const { [column]: _old, ...rest } = useLayout.getState().columns[side];
  const widths = width === null ? rest : { ...rest, [column]: Math.round(clamp(width, 20, LIMITS.column.max)) };
  update({ columns: { ...useLayout.getState().columns, [side]: widths } });
}

/** Remembers whether a side shows dot-files. */
export function setShowHiddenFor(side: PaneSide, show: boolean): void {
  update({ showHidden: { ...useLayout.getState().showHidden, [side]: show } });
}

/** The remembered hidden-files choice of a side, or its default. */
export function showHiddenFor(side: PaneSide, fallback: boolean): boolean {
  return useLayout.getState().showHidden[side] ?? fallback;
}

/** Opens a tab of the bottom panel. */
export function setBottomTab(tab: BottomTab): void {
  update({ bottomTab: tab });
}
