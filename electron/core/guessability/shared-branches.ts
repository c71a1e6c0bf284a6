import { childCountBits, childrenEndOf, firstChildOf, withNearRoot, type FlatTrie } from './flat-trie.js';

/**
 * The same trie with equal branches stored once: where two nodes have the same children (same
 * labels, same ends, same branches below), they point at one children block. English words share
 * their endings ("-ation", "-ness", "-ing"), so the dictionary trie keeps about a third of its nodes
 * and the tails trie about half: less to read at start-up and fewer memory lines for a walk.
 *
 * Only for tries that are walked by letters and ends alone (the dictionary's, the tails'): the fuzzy
 * search's skip index is per node and tells branches apart by node number (term-trie.ts), so the
 * fuzzy terms' main trie stays a tree. `trie` must come from buildFlatTrie (a tree, each node's
 * children numbered after it); blocks are laid out depth first, as there.
 */
export function shareEqualBranches(trie: FlatTrie): FlatTrie {
  const { nodes, links } = trie;
  // Bottom up (children after their parent in buildFlatTrie's numbering): a node's class is its label,
  // its ends and the class of its children block; a block's class is the list of its nodes' classes.
  const nodeClass = new Int32Array(nodes);
  const blockClass = new Int32Array(nodes);
  const blockClasses = new Map<string, number>();
  const nodeClasses = new Map<string, number>();
  for (let node = nodes - 1; node >= 0; node -= 1) {
    const first = firstChildOf(trie, node);
    const end = childrenEndOf(trie, node);
    if (end > first && first <= node) throw new Error('shareEqualBranches needs a tree from buildFlatTrie');
    let blockKey = '';
    for (let child = first; child < end; child += 1) blockKey += `${nodeClass[child] as number},`;
    let block = blockClasses.get(blockKey);
    if (block === undefined) {
      block = blockClasses.size;
      blockClasses.set(blockKey, block);
    }
    blockClass[node] = block;
    const nodeKey = `${links[2 * node + 1] as number}:${block}`;
    let found = nodeClasses.get(nodeKey);
    if (found === undefined) {
      found = nodeClasses.size;
      nodeClasses.set(nodeKey, found);
    }
    nodeClass[node] = found;
  }

  // Top down: each block class gets one place, the first time a node with it is laid out.
  const placed = new Int32Array(blockClasses.size).fill(-1);
  const out: number[] = [0, links[1] as number];
  const pending: number[] = [0, 0]; // pairs: a node of `trie`, its number in the new trie
  while (pending.length > 0) {
    const at = pending.pop() as number;
    const node = pending.pop() as number;
    const first = firstChildOf(trie, node);
    const count = childrenEndOf(trie, node) - first;
    const block = blockClass[node] as number;
    if (count === 0) continue; // out[2 * at] stays 0: no children
    let newFirst = placed[block] as number;
    if (newFirst === -1) {
      newFirst = out.length / 2;
      placed[block] = newFirst;
      for (let i = 0; i < count; i += 1) out.push(0, links[2 * (first + i) + 1] as number);
      // Last child pushed first, so that the first child's block is laid out next (depth first).
      for (let i = count - 1; i >= 0; i -= 1) pending.push(first + i, newFirst + i);
    }
    out[2 * at] = (newFirst << childCountBits) | count;
  }
  return withNearRoot({ nodes: out.length / 2, links: Int32Array.from(out) });
}
