#!/usr/bin/env node
// Kubeconfig exec credential plugin for IKS and Red Hat OpenShift on IBM Cloud clusters (cluster/execCredential.ts).
"use strict";
require("./load")("cluster/execCredential").main(process.argv.slice(2));
