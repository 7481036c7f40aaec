/**
 * Keeps the event stream's place for the reader (see stream-position.ts): auto-follow and the
 * anchored row live outside the component; this records the anchor as the reader scrolls and puts
 * the stream back where it was whenever the scroller appears (mounted, or shown again).
 */
import type { Virtualizer } from '@tanstack/vue-virtual';
import { computed, onBeforeUnmount, onMounted, type Ref } from 'vue';
import { restoreRow, streamPosition } from './stream-position.ts';

export function useStreamPlace(options: {
  orchestratorId: () => string;
  scroller: Ref<HTMLElement | null>;
  virtualizer: Ref<Virtualizer<HTMLElement, Element>>;
  count: Ref<number>;
  seqAt: (row: number) => number | undefined;
}) {
  const { scroller, virtualizer, count, seqAt } = options;
  const position = computed(() => streamPosition(options.orchestratorId()));
  /** Frames left during which scroll events are ours (a restore), not the reader's. */
  let restoring = 0;

  const autoFollow = computed({
    get: () => position.value.follow,
    set: (follow: boolean) => {
      position.value.follow = follow;
      // Stopped following without scrolling (the button): the rows in view now are the reading position.
      if (!follow) recordAnchor();
    },
  });

  function recordAnchor(): void {
    const element = scroller.value;
    if (!element || element.clientHeight === 0) return;
    const top = element.scrollTop;
    const first = virtualizer.value.getVirtualItems().find((item) => item.end > top);
    const seq = first ? seqAt(first.index) : undefined;
    if (seq !== undefined) position.value.anchorSeq = seq;
  }

  /** The reader's scrolls (not while hidden or restoring) move the anchor: the first visible row. */
  function onScroll(): void {
    if (restoring === 0 && !position.value.follow) recordAnchor();
  }

  /** Back to the newest event (following) or to the anchored row. */
  function restore(): void {
    const target = restoreRow(position.value, count.value, seqAt);
    if (!target) return;
    restoring = 2;
    virtualizer.value.scrollToIndex(target.row, { align: target.align });
    const settle = () => {
      // Rows measured on the way may shift the target: aim again once, then hand back to the reader.
      if (restoring === 2) virtualizer.value.scrollToIndex(target.row, { align: target.align });
      if (--restoring > 0) requestAnimationFrame(settle);
    };
    requestAnimationFrame(settle);
  }

  // The scroller appeared (mounted, or its column shown again): the browser starts it at the top.
  let visibleBefore = false;
  const visibility = new ResizeObserver(([entry]) => {
    const visible = (entry?.contentRect.height ?? 0) > 0;
    if (visible && !visibleBefore) requestAnimationFrame(restore);
    visibleBefore = visible;
  });
  onMounted(() => {
    if (scroller.value) visibility.observe(scroller.value);
  });
  onBeforeUnmount(() => visibility.disconnect());

  return { autoFollow, onScroll };
}
