import { describe, expect, it } from "vitest";
import {
  addDays, compareLines, comparisonPeriod, daysBetween, fileToBase64, firstShortfall, forecastSeries, JobFailed,
  presetPeriod, relativeChange, signOf, subtractDecimals, sumDecimals, waitForJob, type JobState,
} from "./report";

const account = (id: string, code: string, kind = "income") => ({ id, code, name: `Account ${code}`, kind });

describe("report periods", () => {
  it("names periods from today", () => {
    expect(presetPeriod("thisMonth", "2026-02-14")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetPeriod("thisMonth", "2028-02-14")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(presetPeriod("lastMonth", "2026-01-10")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetPeriod("thisQuarter", "2026-05-20")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(presetPeriod("lastQuarter", "2026-02-01")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(presetPeriod("yearToDate", "2026-05-20")).toEqual({ from: "2026-01-01", to: "2026-05-20" });
    expect(presetPeriod("lastYear", "2026-05-20")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });

  it("compares whole months with the months just before", () => {
    expect(comparisonPeriod({ from: "2026-03-01", to: "2026-03-31" }, "previousPeriod"))
      .toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(comparisonPeriod({ from: "2026-01-01", to: "2026-03-31" }, "previousPeriod"))
      .toEqual({ from: "2025-10-01", to: "2025-12-31" });
  });

  it("compares other periods with as many days just before", () => {
    expect(comparisonPeriod({ from: "2026-03-10", to: "2026-03-19" }, "previousPeriod"))
      .toEqual({ from: "2026-02-28", to: "2026-03-09" });
  });

  it("compares with the same dates a year earlier", () => {
    expect(comparisonPeriod({ from: "2028-02-01", to: "2028-02-29" }, "previousYear"))
      .toEqual({ from: "2027-02-01", to: "2027-02-28" });
    expect(comparisonPeriod({ from: "2026-01-01", to: "2026-01-31" }, "none")).toBeNull();
  });

  it("counts days", () => {
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("decimal strings", () => {
  it("adds and subtracts exactly", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["1000000000000000000.05", "0.05"])).toBe("1000000000000000000.10");
    expect(sumDecimals(["", null, "5"])).toBe("5");
    expect(subtractDecimals("100.00", "250.5")).toBe("-150.50");
    expect(subtractDecimals("10", "-2.25")).toBe("12.25");
    expect(subtractDecimals("1.10", "1.1")).toBe("0.00");
  });

  it("knows the sign and the relative change", () => {
    expect(signOf("-0.01")).toBe(-1);
    expect(signOf("0.00")).toBe(0);
    expect(relativeChange("150", "100")).toBeCloseTo(0.5);
    expect(relativeChange("50", "-100")).toBeCloseTo(1.5);
    expect(relativeChange("50", "0")).toBeNull();
    expect(relativeChange("50", null)).toBeNull();
  });
});

describe("statement rows", () => {
  it("puts the comparison beside each account, including accounts that moved only then", () => {
    const rows = compareLines(
      [{ account: account("a", "4100"), amount: "500.00" }, { account: account("c", "4010"), amount: "20" }],
      [{ account: account("a", "4100"), amount: "400.00" }, { account: account("b", "4200"), amount: "30" }],
    );
    expect(rows.map((r) => [r.account.code, r.amount, r.previous, r.change])).toEqual([
      ["4010", "20", "0", "20"],
      ["4100", "500.00", "400.00", "100.00"],
      ["4200", "0", "30", "-30"],
    ]);
  });

  it("has no comparison when there is none", () => {
    const rows = compareLines([{ account: account("a", "4100"), amount: "1" }], null);
    expect(rows[0].previous).toBeNull();
    expect(rows[0].change).toBeNull();
  });
});

describe("cash forecast", () => {
  const weeks = [
    { weekStart: "2026-03-02", opening: "100", inflow: "50", outflow: "80", closing: "70" },
    { weekStart: "2026-03-09", opening: "70", inflow: "0", outflow: "90.5", closing: "-20.5" },
  ];
  it("draws money out below the axis", () => {
    expect(forecastSeries(weeks, (d) => d.slice(5))).toEqual([
      { week: "03-02", inflow: 50, outflow: -80, closing: 70 },
      { week: "03-09", inflow: 0, outflow: -90.5, closing: -20.5 },
    ]);
  });
  it("finds the first week short of cash", () => {
    expect(firstShortfall(weeks)?.weekStart).toBe("2026-03-09");
    expect(firstShortfall(weeks.slice(0, 1))).toBeUndefined();
  });
});

describe("waiting for a job", () => {
  const noSleep = async () => undefined;
  it("asks until the job has succeeded and reports progress", async () => {
    const states: JobState[] = [{ status: "queued", progress: 0 }, { status: "running", progress: 70 }, { status: "succeeded", progress: 100 }];
    const heard: number[] = [];
    const done = await waitForJob(async () => states.shift()!, { sleep: noSleep, onProgress: (s) => heard.push(s.progress) });
    expect(done.status).toBe("succeeded");
    expect(heard).toEqual([0, 70, 100]);
  });
  it("fails with the job's error", async () => {
    await expect(waitForJob(async () => ({ status: "failed", progress: 10, lastError: "boom" }), { sleep: noSleep }))
      .rejects.toThrow(new JobFailed("boom"));
  });
  it("gives up after the timeout", async () => {
    await expect(waitForJob(async () => ({ status: "running", progress: 1 }), { sleep: noSleep, interval: 10, timeout: 30 }))
      .rejects.toBeInstanceOf(JobFailed);
  });
});

describe("files", () => {
  it("reads a file as base64", async () => {
    expect(await fileToBase64(new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])]))).toBe("JVBERg==");
  });
});
