// The button look, for <Button> and for links styled as buttons (usable from server components).
import { cx } from "./cx";

export type Variant = "primary" | "secondary" | "danger" | "ghost";
export type Size = "sm" | "md";

// The focus ring sits 2px off the button in a colour unlike its fill: a blue ring right next to a
// blue primary button is not visible as a change.
const VARIANTS: Record<Variant, string> = {
  primary:
    "bg-blue-700 text-white hover:bg-blue-800 border border-blue-700 disabled:bg-blue-700/50 disabled:border-transparent focus-visible:outline-slate-900",
  secondary: "bg-white text-slate-800 hover:bg-slate-50 border border-slate-300 disabled:text-slate-500 focus-visible:outline-blue-600",
  danger: "bg-white text-red-700 hover:bg-red-50 border border-red-300 disabled:text-red-400 focus-visible:outline-blue-600",
  ghost: "bg-transparent text-slate-700 hover:bg-slate-100 border border-transparent disabled:text-slate-500 focus-visible:outline-blue-600",
};

const SIZES: Record<Size, string> = {
  sm: "h-7 px-2 text-xs",
  md: "h-8 px-3 text-sm",
};

export const buttonClasses = (variant: Variant = "secondary", size: Size = "md") =>
  cx(
    "inline-flex shrink-0 items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed",
    VARIANTS[variant],
    SIZES[size],
  );
