/**
 * A program run as the offline plan records it (plan/runProgram.ts records it under Pulumi's mock runtime):
 * every registration as the engine would receive it. What the review modules render and compare. Pure.
 */

export interface Registration {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly parent?: string;
    readonly dependsOn: string[];
    /** Provider reference (`urn::id`) when one was given explicitly. */
    readonly provider?: string;
    /** Package reference of a parameterized provider's resource (the `ibm` package). */
    readonly packageRef?: string;
    /** The wire form of the inputs: secrets are `{4dabf18193072939515e22adb298388d: ..., value}` objects. */
    readonly rawInputs: Record<string, unknown>;
    /** Former URNs this resource answers to (aliases given as URNs; the engine keeps them in state). */
    readonly aliases: string[];
    /** Pulumi `protect`: the engine refuses to delete it. */
    readonly protect?: boolean;
    /** Pulumi `retainOnDelete`: destroy forgets it and leaves it in the cluster. */
    readonly retainOnDelete?: boolean;
    /** Input properties whose changes the engine ignores. */
    readonly ignoreChanges?: string[];
}

/** One evaluation of the program: its registrations and the stack's outputs. */
export interface RecordedRun {
    readonly project: string;
    readonly stack: string;
    readonly registrations: Registration[];
    /** Wire form of the stack's outputs. */
    readonly rawOutputs: Record<string, unknown>;
}
