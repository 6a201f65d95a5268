import type { Clock } from "../time/clock.js";
import type { Repository } from "./repository.js";

export interface UnitManager {
  aadObjectId: string;
  name: string;
}

/** The managers responsible for one unit (förvaltning/nämnd): they write action plans and get the weekly digest. */
export interface UnitManagersItem {
  kind: "unit_managers";
  id: string;
  orgId: string;
  unitId: string;
  managers: UnitManager[];
  updatedAt: string;
  updatedBy: string;
}

const MAX_MANAGERS_PER_UNIT = 10;

const idFor = (unitId: string) => `unit-managers-${unitId}`;

/**
 * The registry of unit managers, one document per unit in the organisation's
 * partition. Read by escalation (who writes the action plan) and by the
 * weekly digest (who gets it).
 */
export class UnitManagers {
  constructor(
    private readonly repo: Repository<UnitManagersItem>,
    private readonly clock: Clock,
  ) {}

  /** The managers of one unit, first registered first (empty when none). */
  async forUnit(orgId: string, unitId: string): Promise<UnitManager[]> {
    return (await this.repo.get(orgId, idFor(unitId)))?.managers ?? [];
  }

  /** The organisations that have registered any manager (a small cross-partition read, once per digest run). */
  async organisations(): Promise<string[]> {
    const items = await this.repo.query({
      query: "SELECT * FROM c WHERE c.kind = @kind",
      parameters: [{ name: "@kind", value: "unit_managers" }],
    });
    return [...new Set(items.filter((i) => i.managers.length > 0).map((i) => i.orgId))].sort();
  }

  /** Every unit of the organisation that has managers. */
  async all(orgId: string): Promise<{ unitId: string; managers: UnitManager[] }[]> {
    const items = await this.repo.query({
      query: "SELECT * FROM c WHERE c.orgId = @orgId AND c.kind = @kind",
      parameters: [
        { name: "@orgId", value: orgId },
        { name: "@kind", value: "unit_managers" },
      ],
    });
    return items
      .filter((i) => i.managers.length > 0)
      .map((i) => ({ unitId: i.unitId, managers: i.managers }))
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
  }

  /** Adds the manager to the unit, or renames them if already there. Returns false when the unit is full. */
  async put(orgId: string, unitId: string, manager: UnitManager, by: string): Promise<boolean> {
    return this.change(orgId, unitId, by, (managers) => {
      const others = managers.filter((m) => m.aadObjectId !== manager.aadObjectId);
      if (others.length >= MAX_MANAGERS_PER_UNIT) return undefined;
      return managers.some((m) => m.aadObjectId === manager.aadObjectId)
        ? managers.map((m) => (m.aadObjectId === manager.aadObjectId ? manager : m))
        : [...managers, manager];
    });
  }

  async remove(orgId: string, unitId: string, aadObjectId: string, by: string): Promise<boolean> {
    return this.change(orgId, unitId, by, (managers) =>
      managers.some((m) => m.aadObjectId === aadObjectId)
        ? managers.filter((m) => m.aadObjectId !== aadObjectId)
        : undefined,
    );
  }

  private async change(
    orgId: string,
    unitId: string,
    by: string,
    edit: (managers: UnitManager[]) => UnitManager[] | undefined,
  ): Promise<boolean> {
    const id = idFor(unitId);
    const stamp = this.clock.now().toISOString();
    await this.repo.createIfAbsent({
      kind: "unit_managers",
      id,
      orgId,
      unitId,
      managers: [],
      updatedAt: stamp,
      updatedBy: by,
    });
    let changed = false;
    await this.repo.update(orgId, id, (current) => {
      const managers = edit(current.managers);
      changed = managers !== undefined;
      return managers && { ...current, managers, updatedAt: stamp, updatedBy: by };
    });
    return changed;
  }
}
