// A minimal VS Code client for `journey lsp`: it starts the server over stdio for YAML files.
// The server answers for maps (*.journey.yaml) and the files they include, and ignores other YAML.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("journeykit")
    .get("command", ["journey", "lsp"]);
  const serverOptions = { command, args };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{journeykit,.journeykit}.yaml"),
    },
  };
  client = new LanguageClient("journeykit", "journeykit", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
