// Pairs of term and value as a compact horizontal description list.
import React from "react";
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from "@patternfly/react-core";

export function Facts({ items }) {
    return (
        <DescriptionList isHorizontal isCompact>
            {items.map(([term, value]) =>
                <DescriptionListGroup key={term}>
                    <DescriptionListTerm>{term}</DescriptionListTerm>
                    <DescriptionListDescription>{value}</DescriptionListDescription>
                </DescriptionListGroup>)}
        </DescriptionList>
    );
}
