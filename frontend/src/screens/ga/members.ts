import { useMemo } from "react";
import { useSession } from "../../auth/session";
import { graphql } from "../../gql";
import { useAllPages } from "../hr/paging";

const MembersDocument = graphql(`
  query GaMembers($after: String) {
    users(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id fullName email }
    }
  }
`);

export interface Members {
  /** Whether the company's members can be listed (it takes core.user.read). */
  available: boolean;
  name: (userId: string | null | undefined) => string;
  options: { value: string; label: string }[];
  fetching: boolean;
}

/**
 * The company's members by User id, for names of travellers, participants and task owners and for
 * choosing them. Those who may not list members still see their own name; others show as "".
 */
export function useMembers(): Members {
  const { me, can } = useSession();
  const available = can("core.user.read");
  const members = useAllPages(MembersDocument, {}, (d) => d.users, !available);
  return useMemo(() => {
    const names = new Map(members.nodes.map((u) => [u.id, u.fullName || u.email]));
    if (me) names.set(me.id, me.fullName || me.email);
    return {
      available,
      fetching: members.fetching,
      name: (id) => (id ? names.get(id) ?? "" : ""),
      options: members.nodes.map((u) => ({ value: u.id, label: u.fullName ? `${u.fullName} (${u.email})` : u.email }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  }, [available, me, members.nodes, members.fetching]);
}
