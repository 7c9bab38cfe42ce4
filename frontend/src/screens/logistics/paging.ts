import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useClient, type AnyVariables, type CombinedError } from "urql";

interface Page<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly N[];
}

/**
 * A list read a page at a time: the first page when the variables change, more on request.
 * `variables` are compared by value; `first` and `after` are added.
 */
export function usePages<R, V extends AnyVariables, N>(document: TypedDocumentNode<R, V>, variables: Omit<V, "first" | "after">,
  pick: (data: R) => Page<N>, size = 50) {
  const client = useClient();
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ nodes: N[]; total: number; cursor: string | null; more: boolean; fetching: boolean; error: CombinedError | null }>(
    { nodes: [], total: 0, cursor: null, more: false, fetching: true, error: null });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  const load = useCallback(async (after: string | null, keep: N[]) => {
    const request = ++latest.current;
    setState((s) => ({ ...s, fetching: true }));
    const result = await client.query(document, { ...(JSON.parse(key) as object), first: size, after } as unknown as V,
      { requestPolicy: "network-only" }).toPromise();
    if (request !== latest.current) return; // an answer to variables that have changed since
    const page = result.data ? pick(result.data) : null;
    if (result.error || !page) {
      setState((s) => ({ ...s, fetching: false, error: result.error ?? null }));
      return;
    }
    setState({
      nodes: [...keep, ...page.nodes], total: page.totalCount, cursor: page.pageInfo.endCursor ?? null,
      more: page.pageInfo.hasNextPage, fetching: false, error: null,
    });
    // `pick` is a pure selector and the document a constant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, size]);

  useEffect(() => {
    void load(null, []);
  }, [load, generation]);

  return {
    ...state,
    loadMore: () => void load(state.cursor, state.nodes),
    reload: () => setGeneration((g) => g + 1),
  };
}
