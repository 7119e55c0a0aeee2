"""Benchmark: the reimbursement finder on a year of one seller's reports, held in memory.

    .venv/bin/python benchmarks/reimbursements_finder.py [--scales 1 2 4] [--runs 3]

Scale 1 is a year of 200,000 orders over 2,000 SKUs: the All Orders lines, a
ledger Shipments event per FBA line, weekly Receipts per SKU, lost / found /
damaged / other adjustments (in both the adjustments report and the ledger),
settlement refunds (three amount rows each) and their Date Range twins, FBA
customer returns with their ledger CustomerReturns events, reimbursements with a
few reversals, and quarterly removal orders. Scale k multiplies the orders and the
per-SKU events by k over the same 2,000 SKUs, so each FNSKU's event list grows too
(a scan per FNSKU would show up as worse than linear).

Prints the rows, the cases found and the median wall and CPU time of `find_cases`
per scale (CPU time is what to compare on a busy machine), with the CPU time per
row; goal: no worse than linear (time ratio <= rows ratio).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.model import FbaReturn  # noqa: E402
from core.reimbursements import (  # noqa: E402
    DateRangeRefund,
    FinderInputs,
    InventoryEvent,
    OrderItem,
    Reimbursement,
    RemovalOrder,
    SettlementRefundRow,
    find_cases,
)

AS_OF = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
FIRST = date(2026, 1, 1)
SKUS = 2_000
ORDERS = 200_000
DAYS = 365
AMOUNTS = ("Principal", "Commission", "RefundCommission")


class Year:
    """Builds the rows; days and SKU strings are shared objects to keep memory down."""

    def __init__(self, scale: int, seed: int = 21) -> None:
        self.rnd = random.Random(seed)
        self.days = [FIRST + timedelta(days=d) for d in range(DAYS)]
        self.noon = [datetime(d.year, d.month, d.day, 12, tzinfo=UTC) for d in self.days]
        self.skus = [f"SKU-{i:05d}" for i in range(SKUS)]
        self.fnskus = [f"X00{i:07d}" for i in range(SKUS)]
        self.prices = [Decimal(self.rnd.randrange(500, 9_000)) / 100 for _ in range(SKUS)]
        self.refunds: list[SettlementRefundRow] = []
        self.ranged: list[DateRangeRefund] = []
        self.returns: list[FbaReturn] = []
        self.paid: list[Reimbursement] = []
        self.events: list[InventoryEvent] = []
        self.removals: list[RemovalOrder] = []
        self.items: list[OrderItem] = []
        self.rid = 0
        self._orders(ORDERS * scale)
        for _ in range(scale):
            self._stock()

    def _reimburse(self, day: int, sku: int, qty: int, reason: str, order: str = "") -> None:
        self.rid += 1
        rows = self.paid
        r = Reimbursement(
            approved_at=self.noon[min(day, DAYS - 1)],
            reimbursement_id=f"R{self.rid}",
            reason=reason,
            sku=self.skus[sku],
            fnsku=self.fnskus[sku],
            order_id=order,
            currency="USD",
            amount_per_unit=self.prices[sku],
            quantity_cash=qty,
            quantity_total=qty,
        )
        rows.append(r)
        if self.rnd.random() < 0.01:
            reversal = Reimbursement(
                approved_at=self.noon[min(day + 30, DAYS - 1)],
                reimbursement_id=f"R{self.rid}-rev",
                reason="Reimbursement_Reversal",
                sku=r.sku,
                fnsku=r.fnsku,
                currency="USD",
                quantity_total=-qty,
                original_reimbursement_id=r.reimbursement_id,
                original_reimbursement_type="Cash",
            )
            rows.append(reversal)

    def _orders(self, count: int) -> None:
        rnd = self.rnd
        for n in range(count):
            day, sku = rnd.randrange(DAYS), rnd.randrange(SKUS)
            order, qty = f"111-{n:07d}-{sku:05d}", 1 + (rnd.random() < 0.15)
            fba = rnd.random() < 0.85
            self.items.append(
                OrderItem(
                    order_id=order,
                    sku=self.skus[sku],
                    purchased_at=self.noon[day],
                    channel="afn" if fba else "mfn",
                    status="Shipped" if rnd.random() > 0.02 else "Cancelled",
                    quantity=qty,
                    item_price=self.prices[sku] * qty,
                    currency="USD",
                )
            )
            if fba:
                self.events.append(
                    InventoryEvent(
                        self.days[day], self.fnskus[sku], self.skus[sku], "Shipments", -qty
                    )
                )
            if rnd.random() < 0.06 and day + 3 < DAYS:
                self._refund(order, day + rnd.randrange(1, 30), sku, qty, fba)

    def _refund(self, order: str, day: int, sku: int, qty: int, fba: bool) -> None:
        rnd = self.rnd
        day = min(day, DAYS - 1)
        for name in AMOUNTS:
            self.refunds.append(
                SettlementRefundRow(
                    order_id=order,
                    sku=self.skus[sku],
                    posted_date=self.days[day],
                    adjustment_id=f"A{order}",
                    order_item_code=f"C{order}",
                    quantity=qty,
                    channel="afn" if fba else "mfn",
                    amount_type="ItemPrice",
                    amount_description=name,
                    amount=-self.prices[sku],
                    currency="USD",
                )
            )
        if rnd.random() < 0.5:
            self.ranged.append(
                DateRangeRefund(order, self.skus[sku], self.noon[day], qty, "afn" if fba else "mfn")
            )
        if not fba:
            return
        if rnd.random() < 0.75:
            back = min(day + rnd.randrange(1, 40), DAYS - 1)
            disposition = rnd.choice(
                ("SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE", "CARRIER_DAMAGED")
            )
            self.returns.append(
                FbaReturn(
                    return_date=self.noon[back],
                    order_id=order,
                    sku=self.skus[sku],
                    asin="B0",
                    fnsku=self.fnskus[sku],
                    quantity=qty,
                    detailed_disposition=disposition,
                )
            )
            self.events.append(
                InventoryEvent(
                    self.days[back], self.fnskus[sku], self.skus[sku], "CustomerReturns", qty
                )
            )
        elif rnd.random() < 0.3:
            self._reimburse(day + 50, sku, qty, "CustomerReturn", order)

    def _stock(self) -> None:
        """Per SKU: weekly receipts, ~4 adjustments a month, a removal a quarter."""
        rnd = self.rnd
        events = self.events
        for s in range(SKUS):
            fnsku, sku = self.fnskus[s], self.skus[s]
            for week in range(52):
                events.append(InventoryEvent(self.days[week * 7], fnsku, sku, "Receipts", 24))
            for n in range(48):
                day = rnd.randrange(DAYS)
                reason = rnd.choice("MMMFFEDQ")
                qty = rnd.randint(1, 3) * (1 if reason == "F" else -1)
                ref = f"T{s}-{n}-{rnd.randrange(10**9)}"
                for source in ("ledger", "adjustments"):
                    events.append(
                        InventoryEvent(
                            self.days[day],
                            fnsku,
                            sku,
                            "Adjustments",
                            qty,
                            reason=reason,
                            reference_id=ref,
                            source=source,
                        )
                    )
                paid = {"M": "Lost_Warehouse", "E": "Damaged_Warehouse"}.get(reason)
                if paid and rnd.random() < 0.4:
                    self._reimburse(day + rnd.randrange(5, 50), s, -qty, paid)
            for q in range(4):
                shipped = rnd.choice((10, 10, 10, 9, 7))
                self.removals.append(
                    RemovalOrder(
                        self.noon[q * 90 + 5],
                        f"RMV-{s}-{q}-{rnd.randrange(10**6)}",
                        "Completed",
                        sku,
                        fnsku,
                        10,
                        shipped_quantity=shipped,
                    )
                )

    def inputs(self) -> FinderInputs:
        return FinderInputs(
            settlement_refunds=self.refunds,
            date_range_refunds=self.ranged,
            fba_returns=self.returns,
            reimbursements=self.paid,
            inventory_events=self.events,
            removals=self.removals,
            order_items=self.items,
        )

    def rows(self) -> int:
        lists = (self.refunds, self.ranged, self.returns, self.paid, self.events, self.removals)
        return len(self.items) + sum(len(x) for x in lists)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, as of {AS_OF.isoformat()}, {SKUS:,} SKUs")
    print(
        f"{'scale':>5} {'orders':>9} {'rows':>10} {'cases':>7} {'build s':>8}"
        f" {'find s':>7} {'cpu s':>6} {'cpu us/row':>10}"
    )
    base: tuple[int, float] | None = None
    for scale in args.scales:
        start = time.perf_counter()
        year = Year(scale)
        built = time.perf_counter() - start
        rows = year.rows()
        times, cpu_times = [], []
        cases = 0
        for _ in range(args.runs):
            gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            cases = len(find_cases(year.inputs(), AS_OF))
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu)
        t, c = statistics.median(times), statistics.median(cpu_times)
        print(
            f"{scale:>5} {ORDERS * scale:>9,} {rows:>10,} {cases:>7,} {built:>8.1f}"
            f" {t:>7.2f} {c:>6.2f} {c / rows * 1e6:>10.2f}"
        )
        if base is None:
            base = (rows, c)
        else:
            print(f"      rows x{rows / base[0]:.2f} -> cpu time x{c / base[1]:.2f}")
        del year
        gc.collect()


if __name__ == "__main__":
    main()
