#!/usr/bin/env node
// Kubeconfig exec credential plugin for IKS and Red Hat OpenShift on IBM Cloud clusters (provider/execCredential.ts).
"use strict";
require("./load")("provider/execCredential").main(process.argv.slice(2));
