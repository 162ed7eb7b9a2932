// What command handlers get: the engine host, the tree, the log and the extension context — built once in activate().
import type * as vscode from 'vscode';
import type { TreeNode } from '../core/statusTreeModel';
import type { EngineHost } from './engineHost';
import type { Log } from './log';
import type { StatusTree } from './statusTree';

/** The objects every command handler may use. */
export interface Services {
  context: vscode.ExtensionContext;
  host: EngineHost;
  tree: StatusTree;
  treeView: vscode.TreeView<TreeNode>;
  log: Log;
}

