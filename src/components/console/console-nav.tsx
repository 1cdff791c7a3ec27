"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cx } from "@/components/ui/cx";

interface NavItem {
  href: string;
  label: string;
  /** Areas that are planned but not built yet are listed too, marked, so nobody hunts for them. */
  planned?: boolean;
}

const GROUPS: { label: string; items: NavItem[] }[] = [
  {
    label: "Configure",
    items: [
      { href: "/console/applications", label: "Applications" },
      { href: "/console/credentials", label: "Credentials" },
      { href: "/console/templates", label: "Operation templates" },
    ],
  },
  {
    label: "Operate",
    items: [
      { href: "/console/support", label: "Customer support" },
      { href: "/console/registrations", label: "Registrations" },
      { href: "/console/operations", label: "Operations" },
      { href: "/console/push", label: "Push" },
      { href: "/console/campaigns", label: "Campaigns", planned: true },
      { href: "/console/inbox", label: "Inbox", planned: true },
      { href: "/console/callbacks", label: "Callbacks", planned: true },
    ],
  },
  {
    label: "Observe",
    items: [
      { href: "/console/telemetry", label: "Telemetry", planned: true },
      { href: "/console/audit", label: "Audit log" },
    ],
  },
  {
    label: "Administer",
    items: [
      { href: "/console/staff", label: "Staff" },
      { href: "/console/account", label: "Account" },
    ],
  },
];

export function ConsoleNav() {
  const pathname = usePathname();
  return (
    // On narrow screens the groups flow as one wrapped row, so the page is not pushed below the fold.
    <nav aria-label="Console" className="flex flex-wrap px-2 py-2 text-sm md:block md:py-3">
      {GROUPS.map((group) => {
        const groupId = `nav-group-${group.label.toLowerCase()}`;
        return (
          <div key={group.label} className="md:mb-3">
            <p id={groupId} className="sr-only px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-600 uppercase md:not-sr-only md:block">
              {group.label}
            </p>
            <ul aria-labelledby={groupId} className="flex flex-wrap md:block">
              {group.items.map((item) => {
                const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={cx(
                        "flex items-center justify-between rounded-md px-2 py-1.5",
                        "focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600",
                        active ? "bg-blue-50 font-medium text-blue-800" : "text-slate-700 hover:bg-slate-100",
                      )}
                    >
                      <span>{item.label}</span>
                      {item.planned ? (
                        <>
                          <span aria-hidden="true" className="hidden text-[11px] text-slate-600 md:inline">
                            soon
                          </span>
                          <span className="sr-only"> (not built yet)</span>
                        </>
                      ) : null}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
