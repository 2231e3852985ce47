/** Plan documents made by hand for the review and access tests: one resource of stack `s` in project `p`. */
import { PlanDocument, PlanResource } from "../../core/review/render";

export const planResource = (type: string, name: string, fields: Partial<PlanResource> = {}): PlanResource => ({
    urn: `urn:pulumi:s::p::${type}::${name}`,
    type,
    name,
    parent: null,
    dependsOn: [],
    aliases: [],
    inputs: {},
    ...fields,
});

export const planDocument = (...resources: PlanResource[]): PlanDocument => ({ stack: "s", project: "p", resources });
