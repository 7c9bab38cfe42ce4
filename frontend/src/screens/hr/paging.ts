import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { useCallback, useEffect, useState } from "react";
import { useClient, type AnyVariables, type CombinedError, type OperationResult } from "urql";

export interface PageOf<N> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  nodes: readonly N[];
}

interface AllPages<N> {
  nodes: N[];
  fetching: boolean;
  error: CombinedError | null;
  /** Read again from the server (after a change). */
  reload: () => void;
}

/**
 * Every page of a list (the API gives at most 100 records a page), read one page after another.
 * `variables` are compared by value; `after` is added for each page.
 */
export function useAllPages<R, V extends AnyVariables, N>(
  document: TypedDocumentNode<R, V>,
  variables: Omit<V, "after">,
  pick: (data: R) => PageOf<N> | null | undefined,
  pause = false,
): AllPages<N> {
  const client = useClient();
  const [state, setState] = useState<{ nodes: N[]; fetching: boolean; error: CombinedError | null }>({
    nodes: [], fetching: !pause, error: null,
  });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (pause) return;
    let stopped = false;
    setState((s) => ({ ...s, fetching: true }));
    void (async () => {
      const nodes: N[] = [];
      let after: string | null = null;
      for (;;) {
        const result: OperationResult<R, V> = await client
          .query(document, { ...(JSON.parse(key) as object), after } as unknown as V, { requestPolicy: "network-only" })
          .toPromise();
        if (stopped) return;
        const page: PageOf<N> | null | undefined = result.data ? pick(result.data) : null;
        if (result.error || !page) {
          setState({ nodes, fetching: false, error: result.error ?? null });
          return;
        }
        nodes.push(...page.nodes);
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
      setState({ nodes, fetching: false, error: null });
    })();
    return () => {
      stopped = true;
    };
    // `pick` is a pure selector; the document is a constant.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, pause, generation]);

  return { ...state, reload };
}
