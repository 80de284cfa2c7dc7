import { useEffect, useState, type RefObject } from 'react';

export interface SidewaysScroll {
  /** The content is wider than its box. */
  overflowing: boolean;
  /** More content to the left / right of what is shown. */
  moreLeft: boolean;
  moreRight: boolean;
}

/**
 * Whether a sideways-scrolling box (the comparison table on a phone) has more to show, and on
 * which side, so the page can say so: a scrollbar alone is invisible on touch screens.
 */
export function useSidewaysScroll(ref: RefObject<HTMLElement | null>): SidewaysScroll {
  const [state, setState] = useState<SidewaysScroll>({ overflowing: false, moreLeft: false, moreRight: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const max = el.scrollWidth - el.clientWidth;
      const next = { overflowing: max > 1, moreLeft: el.scrollLeft > 1, moreRight: el.scrollLeft < max - 1 };
      setState((s) => (s.overflowing === next.overflowing && s.moreLeft === next.moreLeft && s.moreRight === next.moreRight ? s : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [ref]);
  return state;
}
