/**
 * The files the user chose in this session (the native file dialog). A request may import a file
 * by path only when the path is one of these: the window is not trusted to name files itself, so
 * a compromised or buggy page cannot make the main side read `/etc/passwd` or `~/.ssh/id_rsa`.
 * Drops do not go by path (the window uploads the dropped file's bytes).
 */
import path from 'node:path';

export class ChosenPaths {
  private readonly chosen = new Set<string>();

  /** Records a path the user picked (null: the dialog was cancelled) and returns it unchanged. */
  remember(picked: string | null): string | null {
    if (picked) this.chosen.add(path.resolve(picked));
    return picked;
  }

  /** Whether `candidate` names exactly a file the user picked (after resolving `..` and the like). */
  has(candidate: string): boolean {
    return this.chosen.has(path.resolve(candidate));
  }
}
