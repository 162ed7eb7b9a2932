// The "AWS Prereqs" tree: maps the pure nodes of src/core/statusTreeModel.ts to TreeItems. The first time the
// view asks for children, the engine host starts its first check (files are read then, not at activation).
import * as vscode from 'vscode';
import { buildTree, tooltipFor, walkTree, type TreeNode } from '../core/statusTreeModel';
import type { EngineHost } from './engineHost';
import { Disposable } from './lifecycle';
import { DETAIL_ICONS, LOOKS, lookIcon } from './statusLook';

/** The view's id in package.json. */
export const STATUS_VIEW_ID = 'awsPrereqs.status';

/** Tree data for the status view, rebuilt from the engine host's report on every change. */
export class StatusTree extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private roots: TreeNode[] | undefined;
  /** Time of the last rebuild, for the live-refresh measurement in the extension-host suite. */
  lastBuiltAt = 0;

  constructor(private readonly host: EngineHost) {
    super();
    this._register(
      host.onDidChange(() => {
        this.roots = undefined;
        this._onDidChangeTreeData.fire(undefined);
      }),
    );
  }

  /** The current top level (built on demand from the host's state). */
  nodes(): TreeNode[] {
    if (!this.roots) {
      this.roots = buildTree({
        report: this.host.report,
        running: this.host.running,
        runningProfiles: this.host.runningProfiles,
        error: this.host.error,
        noFiles: !!this.host.files && !this.host.hasAwsFiles,
        now: Date.now(),
      });
      this.lastBuiltAt = Date.now();
    }
    return this.roots;
  }

  /** Re-renders (the expiry countdowns) without re-checking. */
  redraw(): void {
    this.roots = undefined;
    this._onDidChangeTreeData.fire(undefined);
  }

  /** Finds the node of a profile (for reveal and commands given a profile name). */
  profileNode(name: string): TreeNode | undefined {
    return walkTree(this.nodes()).find((n) => n.type === 'profile' && n.profile === name);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      void this.host.start();
      return this.nodes();
    }
    return node.children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return walkTree(this.nodes()).find((n) => n.children.includes(node));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.expanded === undefined || node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    item.iconPath = node.look ? lookIcon(node.look) : node.icon ? new vscode.ThemeIcon(DETAIL_ICONS[node.icon]) : undefined;
    const spoken = node.look ? `${LOOKS[node.look].word}. ` : '';
    item.accessibilityInformation = { label: `${spoken}${node.ariaLabel}`, role: 'treeitem' };
    if (node.click === 'openSource' && node.source) {
      item.command = { command: 'awsPrereqs.openAtLine', title: 'Open in file', arguments: [node] };
    } else if (node.click === 'showLog') {
      item.command = { command: 'awsPrereqs.showLog', title: 'Show log' };
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    // Built only when hovered: a report of many profiles costs nothing until someone looks.
    const md = new vscode.MarkdownString(tooltipFor(node));
    md.supportThemeIcons = false;
    md.isTrusted = false;
    item.tooltip = md;
    return item;
  }
}
